package results

import "testing"

// TestLabels: the axis labels and fit symbols of the columns the figures
// know, as plots drew them before they moved into the registry.
func TestLabels(t *testing.T) {
	tau := `duration $\tau/t_0$`
	labels := map[string]string{
		"duration":           tau,
		"protocol.duration":  tau,
		"work_mean":          `$\langle W\rangle/kT$`,
		"heat_mean":          `$\langle Q\rangle/kT$`,
		"delta_u_mean":       `$\langle\Delta U\rangle/kT$`,
		"error_rate":         `error rate $\varepsilon$`,
		"landauer_bound":     `Landauer bound $/kT$`,
		"jarzynski":          `$-\ln\langle e^{-W/kT}\rangle$`,
		"potential.barrier":  `barrier $E_b/kT$`,
		"free_energy_change": `$\Delta F/kT$`,
		"entropy_production": `entropy production $\Sigma$ (nats)`,
	}
	n := 0
	for _, f := range Fields() {
		if f.Label != "" {
			n++
		}
	}
	if n+2 != len(labels) {
		t.Errorf("%d fields with labels + 2 sweep keys, want %d", n, len(labels))
	}
	for c, want := range labels {
		if got, ok := AxisLabel(c); !ok || got != want {
			t.Errorf("AxisLabel(%s) = %q %v, want %q", c, got, ok, want)
		}
	}
	symbols := map[string]string{
		"duration": `\tau`, "protocol.duration": `\tau`, "work_mean": `W`, "heat_mean": `Q`,
		"delta_u_mean": `\Delta U`, "error_rate": `\varepsilon`, "potential.barrier": `E_b`,
	}
	for c, want := range symbols {
		if got, ok := Symbol(c); !ok || got != want {
			t.Errorf("Symbol(%s) = %q %v, want %q", c, got, ok, want)
		}
	}
	if _, ok := AxisLabel("seed"); ok {
		t.Error("seed has a label")
	}
	if _, ok := Symbol("landauer_bound"); ok {
		t.Error("landauer_bound has a symbol")
	}
}
