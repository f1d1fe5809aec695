package results

// sweepKeyLabels are the axis labels and fit symbols of the sweep keys
// that stand for a result field or a physical parameter.
func sweepKeyLabels() map[string][2]string {
	return map[string][2]string{
		"protocol.duration": {labelTau, `\tau`},
		"potential.barrier": {`barrier $E_b/kT$`, `E_b`},
	}
}

// AxisLabel is the axis label (TeX subset, as plots lays it out) of a
// table column: the registry field's Label, or a sweep key's
// (protocol.duration, potential.barrier); ok is false for a column that
// has none (plots then writes "name (unit)").
func AxisLabel(column string) (label string, ok bool) {
	for _, f := range Fields() {
		if f.Name == column && f.Label != "" {
			return f.Label, true
		}
	}
	if l, ok := sweepKeyLabels()[column]; ok {
		return l[0], true
	}
	return "", false
}

// Symbol is a column's symbol in a fit's formula y∞ + B/x (TeX subset):
// the registry field's Symbol, or a sweep key's; ok is false for a column
// that has none.
func Symbol(column string) (symbol string, ok bool) {
	for _, f := range Fields() {
		if f.Name == column && f.Symbol != "" {
			return f.Symbol, true
		}
	}
	if l, ok := sweepKeyLabels()[column]; ok {
		return l[1], true
	}
	return "", false
}
