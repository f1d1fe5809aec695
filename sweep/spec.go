package sweep

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/landauer-dev/landauer/internal/grid"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/landauer-dev/landauer/erasure"
)

// Table is the [sweep] table of a sweep spec.
type Table struct {
	Name          string      `toml:"name"`
	Seed          *int64      `toml:"seed"`
	PointsPerTask *int64      `toml:"points_per_task"`
	Axes          []AxisTable `toml:"axis"`
}

// AxisTable is one [[sweep.axis]] table.
type AxisTable struct {
	Key      string    `toml:"key"`
	Values   []any     `toml:"values"`
	Linspace []float64 `toml:"linspace"`
	Logspace []float64 `toml:"logspace"`
	Zip      string    `toml:"zip"`
}

// Axis is one resolved axis of a sweep.
type Axis struct {
	Key    string // table.key, e.g. "protocol.duration"
	Zip    string // zip group ("" for none)
	Values []any  // int64, float64 or string
}

// Spec is a parsed sweep spec (Parse).
//
// A sweep spec is a study config (the base study: the same tables and keys,
// see Config) plus a [sweep] table that names the axes along which the base
// is varied:
//
//	[potential]
//	kind = "jun"
//	barrier = 8.0
//	[protocol]
//	kind = "four-stage"
//	duration = 8.0
//	[ensemble]
//	trajectories = 20000
//
//	[sweep]
//	name = "tau-scan"       # a label, written into every result file
//	seed = 7                # [1] point p's ensemble seed is PointSeed(seed, p)
//	points_per_task = 4     # [1] points per Slurm array task / Kubernetes index
//
//	[[sweep.axis]]
//	key = "protocol.duration"
//	logspace = [1, 100, 5]  # 1, 3.16, 10, 31.6, 100: the ENDS a, b (not exponents), n points
//
//	[[sweep.axis]]
//	key = "potential.barrier"
//	values = [4, 8, 16]
//	zip = "depth"           # axes of one zip group vary together (equal lengths)
//	[[sweep.axis]]
//	key = "potential.tilt"
//	values = [0.5, 1, 2]
//	zip = "depth"
//
// An axis key is any key of the study config written table.key: a potential
// or protocol parameter ("potential.barrier", "protocol.height"), a kind
// ("potential.kind", "protocol.kind"), or a typed key ("dynamics.dt",
// "dynamics.kind", "solver.method", "ensemble.trajectories", ...). Each
// axis has exactly one of
//
//	values   = [v1, v2, ...]  numbers or strings
//	linspace = [a, b, n]      n evenly spaced numbers from a to b, both included
//	logspace = [a, b, n]      n log-evenly spaced numbers from a to b (a, b > 0;
//	                          the ends themselves, not their exponents)
//
// Range values are rounded to 15 significant digits (logspace [1, 100, 3]
// is 1, 10, 100 exactly); the ends are a and b exactly.
//
// Integer keys (ensemble.trajectories, ensemble.block_size, solver.cells)
// take linspace and logspace values rounded to the nearest integer; listed
// values must be integers. ensemble.seed and ensemble.workers cannot be
// axes: every point's seed derives from sweep.seed, and the number of
// workers never changes a result.
//
// The points are the outer product of the factors, in the order the axes
// are declared, the last factor varying fastest; a factor is an axis with
// no zip, or all the axes of one zip group (placed where its first axis is
// declared). Point p's index therefore depends only on the spec, and so
// does its seed: results never depend on how a sweep is split into shards.
type Spec struct {
	Name          string
	Seed          uint64 // sweep seed; point p's seed is PointSeed(Seed, p)
	PointsPerTask int
	Axes          []Axis
	// Hash identifies the sweep: the hex SHA-256 of its canonical form (the
	// decoded base study and the expanded axes, as JSON with sorted keys),
	// leaving out what never changes a result (ensemble.workers and
	// points_per_task). Results with the same hash belong together.
	Hash string
	// Text is the spec as given.
	Text []byte
	// schema is the config schema every point's study is built with (made
	// once: building it costs more than checking a point against it).
	schema *erasure.Schema

	base    map[string]any // the base study, decoded
	config  erasure.Config // the base study, decoded into Config
	factors [][]int        // axis indices of each factor, in order
	count   int
}

// MaxPoints is the largest number of points a sweep may have.
const MaxPoints = 1_000_000

// PointSeed is the ensemble seed of point p of a sweep with seed s
// (erasure.PointSeed: SplitMix64(SplitMix64(s XOR 0x5851f42d4c957f2d) + p)
// shifted right by one bit). It depends only on s and p, never on the
// sharding; the papers' point seeds are the same function.
func PointSeed(s uint64, p int) uint64 { return erasure.PointSeed(s, p) }

// IsSpec reports whether a TOML document has a [sweep] table. It does not
// validate anything else.
func IsSpec(data []byte) bool {
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		return false
	}
	_, ok := m["sweep"]
	return ok
}

// keyKind is the type of a typed config key.
type keyKind int

const (
	kindAny keyKind = iota // potential.* and protocol.*: numbers or a string kind
	kindInt
	kindFloat
	kindString
)

// configKey looks up table.key in Config: whether it exists and its type.
func configKey(key string) (keyKind, error) {
	table, name, ok := strings.Cut(key, ".")
	if !ok || table == "" || name == "" || strings.Contains(name, ".") {
		return 0, fmt.Errorf("%q is not of the form table.key", key)
	}
	ct := reflect.TypeOf(erasure.Config{})
	for i := range ct.NumField() {
		f := ct.Field(i)
		if f.Tag.Get("toml") != table {
			continue
		}
		if f.Type.Kind() == reflect.Map {
			if name == "keyframes" {
				return 0, fmt.Errorf("%s is a table and cannot be an axis", key)
			}
			return kindAny, nil
		}
		for j := range f.Type.NumField() {
			g := f.Type.Field(j)
			if g.Tag.Get("toml") != name {
				continue
			}
			t := g.Type
			if t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
			switch t.Kind() {
			case reflect.Int, reflect.Int64:
				return kindInt, nil
			case reflect.Float64:
				return kindFloat, nil
			case reflect.String:
				return kindString, nil
			}
		}
		return 0, fmt.Errorf("unknown key %s", key)
	}
	return 0, fmt.Errorf("unknown table %q in %s", table, key)
}

// Parse decodes and checks a sweep spec: the base study's keys (as
// ParseConfig does), the [sweep] table and every axis. Errors are one line
// naming the key. The points themselves are built and validated by Points.
func Parse(data []byte) (*Spec, error) {
	var doc struct {
		erasure.Config
		Spec *Table `toml:"sweep"`
	}
	// The values of an axis are decoded as []any; the decoder lists their
	// elements (inline tables, say) as undecoded keys.
	skip := func(k toml.Key) bool {
		return erasure.StudyMapKey(k) || len(k) > 2 && k[0] == "sweep" && k[1] == "axis" && k[2] == "values"
	}
	if err := erasure.DecodeTOML(data, &doc, skip); err != nil {
		return nil, fmt.Errorf("sweep: %v", err)
	}
	if doc.Spec == nil {
		return nil, errors.New("sweep: the [sweep] table is missing")
	}
	if doc.Ensemble.Seed != nil {
		return nil, errors.New("sweep: ensemble.seed cannot be set in a sweep: each point's seed derives from sweep.seed")
	}
	sc := doc.Spec
	sw := &Spec{Name: sc.Name, Seed: 1, PointsPerTask: 1, Text: data, schema: erasure.NewSchema()}
	if sc.Seed != nil {
		if *sc.Seed < 0 {
			return nil, fmt.Errorf("sweep: sweep.seed must be >= 0, got %d", *sc.Seed)
		}
		sw.Seed = uint64(*sc.Seed)
	}
	if sc.PointsPerTask != nil {
		if *sc.PointsPerTask < 1 || *sc.PointsPerTask > MaxPoints {
			return nil, fmt.Errorf("sweep: sweep.points_per_task must be in [1, %d], got %d", MaxPoints, *sc.PointsPerTask)
		}
		sw.PointsPerTask = int(*sc.PointsPerTask)
	}
	if strings.ContainsAny(sw.Name, "\n\r\x00") {
		return nil, errors.New("sweep: sweep.name must be one line")
	}
	if len(sc.Axes) == 0 {
		return nil, errors.New("sweep: no [[sweep.axis]]: a sweep needs at least one axis")
	}

	seen := map[string]bool{}
	zipAt := map[string]int{} // zip group → factor index
	for i, ac := range sc.Axes {
		ax, err := resolveAxis(i, ac)
		if err != nil {
			return nil, err
		}
		if seen[ax.Key] {
			return nil, fmt.Errorf("sweep: sweep.axis[%d].key: %s is already an axis", i, ax.Key)
		}
		seen[ax.Key] = true
		sw.Axes = append(sw.Axes, ax)
		if ax.Zip == "" {
			sw.factors = append(sw.factors, []int{i})
			continue
		}
		f, ok := zipAt[ax.Zip]
		if !ok {
			zipAt[ax.Zip] = len(sw.factors)
			sw.factors = append(sw.factors, []int{i})
			continue
		}
		first := sw.Axes[sw.factors[f][0]]
		if len(first.Values) != len(ax.Values) {
			return nil, fmt.Errorf("sweep: zip group %q: %s has %d values but %s has %d; zipped axes need equal lengths",
				ax.Zip, first.Key, len(first.Values), ax.Key, len(ax.Values))
		}
		sw.factors[f] = append(sw.factors[f], i)
	}
	sw.count = 1
	for _, f := range sw.factors {
		n := len(sw.Axes[f[0]].Values)
		if sw.count > MaxPoints/n {
			return nil, fmt.Errorf("sweep: more than %d points", MaxPoints)
		}
		sw.count *= n
	}

	// The base study, generic, for building the points.
	if _, err := toml.Decode(string(data), &sw.base); err != nil {
		return nil, fmt.Errorf("sweep: %v", err)
	}
	delete(sw.base, "sweep")
	sw.config = doc.Config
	if err := sw.hash(); err != nil {
		return nil, err
	}
	return sw, nil
}

func resolveAxis(i int, ac AxisTable) (Axis, error) {
	field := fmt.Sprintf("sweep.axis[%d]", i)
	if ac.Key == "" {
		return Axis{}, fmt.Errorf("sweep: %s.key is missing", field)
	}
	kind, err := configKey(ac.Key)
	if err != nil {
		return Axis{}, fmt.Errorf("sweep: %s.key: %v", field, err)
	}
	switch ac.Key {
	case "ensemble.seed":
		return Axis{}, fmt.Errorf("sweep: %s.key: ensemble.seed cannot be an axis: each point's seed derives from sweep.seed", field)
	case "ensemble.workers":
		return Axis{}, fmt.Errorf("sweep: %s.key: ensemble.workers cannot be an axis: it never changes a result", field)
	}
	ax := Axis{Key: ac.Key, Zip: ac.Zip}
	given := 0
	for _, l := range [][]float64{ac.Linspace, ac.Logspace} {
		if l != nil {
			given++
		}
	}
	if ac.Values != nil {
		given++
	}
	if given != 1 {
		return Axis{}, fmt.Errorf("sweep: %s (%s) needs exactly one of values, linspace, logspace", field, ac.Key)
	}
	switch {
	case ac.Values != nil:
		if len(ac.Values) == 0 {
			return Axis{}, fmt.Errorf("sweep: %s.values (%s) is empty", field, ac.Key)
		}
		for j, v := range ac.Values {
			_, isString := v.(string)
			if kind == kindString && !isString {
				return Axis{}, fmt.Errorf("sweep: %s.values[%d]: %s takes strings, got %v", field, j, ac.Key, v)
			}
			if (kind == kindInt || kind == kindFloat) && isString {
				return Axis{}, fmt.Errorf("sweep: %s.values[%d]: %s takes numbers, got %q", field, j, ac.Key, v)
			}
			switch t := v.(type) {
			case int64:
			case float64:
				if math.IsNaN(t) || math.IsInf(t, 0) {
					return Axis{}, fmt.Errorf("sweep: %s.values[%d] (%s) must be finite, got %v", field, j, ac.Key, t)
				}
				if kind == kindInt {
					if t != math.Trunc(t) || math.Abs(t) > 1<<53 {
						return Axis{}, fmt.Errorf("sweep: %s.values[%d]: %s takes integers, got %v", field, j, ac.Key, t)
					}
					v = int64(t)
				}
			case string:
			default:
				return Axis{}, fmt.Errorf("sweep: %s.values[%d] (%s) must be a number or a string, got %v (%T)", field, j, ac.Key, v, v)
			}
			ax.Values = append(ax.Values, v)
		}
	default:
		name, r := "linspace", ac.Linspace
		if ac.Logspace != nil {
			name, r = "logspace", ac.Logspace
		}
		if len(r) != 3 {
			return Axis{}, fmt.Errorf("sweep: %s.%s (%s) must be [a, b, n], got %v", field, name, ac.Key, r)
		}
		a, b, nf := r[0], r[1], r[2]
		n := int(nf)
		switch {
		case math.IsNaN(a) || math.IsInf(a, 0) || math.IsNaN(b) || math.IsInf(b, 0):
			return Axis{}, fmt.Errorf("sweep: %s.%s (%s): the ends must be finite, got %v", field, name, ac.Key, r)
		case nf != math.Trunc(nf) || nf < 1 || nf > MaxPoints:
			return Axis{}, fmt.Errorf("sweep: %s.%s (%s): n must be an integer in [1, %d], got %v", field, name, ac.Key, MaxPoints, nf)
		case name == "logspace" && (a <= 0 || b <= 0):
			return Axis{}, fmt.Errorf("sweep: %s.logspace (%s): the ends must be > 0 (they are the values, not exponents), got %v", field, ac.Key, r)
		case n == 1 && a != b:
			return Axis{}, fmt.Errorf("sweep: %s.%s (%s): n = 1 needs a = b, got %v", field, name, ac.Key, r)
		case kind == kindString:
			return Axis{}, fmt.Errorf("sweep: %s.%s: %s takes strings, not a range", field, name, ac.Key)
		}
		space := grid.LinSpace // the ends exactly
		if name == "logspace" {
			space = grid.LogSpace
		}
		xs, err := space(a, b, n)
		if err != nil {
			return Axis{}, fmt.Errorf("sweep: %s.%s (%s): %v", field, name, ac.Key, err)
		}
		for _, x := range xs {
			// 15 significant digits: logspace [1, 100, 3] gives 10, not
			// 10.000000000000002.
			x, _ = strconv.ParseFloat(strconv.FormatFloat(x, 'g', 15, 64), 64)
			if kind == kindInt {
				ax.Values = append(ax.Values, int64(math.Round(x)))
			} else {
				ax.Values = append(ax.Values, x)
			}
		}
	}
	return ax, nil
}

// hash sets sw.Hash from the canonical form of the spec.
func (sw *Spec) hash() error {
	base := deepCopy(sw.base).(map[string]any)
	if e, ok := base["ensemble"].(map[string]any); ok {
		delete(e, "workers")
	}
	axes := make([]map[string]any, len(sw.Axes))
	for i, a := range sw.Axes {
		axes[i] = map[string]any{"key": a.Key, "zip": a.Zip, "values": a.Values}
	}
	canon := map[string]any{
		"format": 1,
		"base":   base,
		"sweep":  map[string]any{"name": sw.Name, "seed": sw.Seed, "axes": axes},
	}
	b, err := json.Marshal(canon) // maps are written with sorted keys
	if err != nil {
		return fmt.Errorf("sweep: %v", err)
	}
	h := sha256.Sum256(b)
	sw.Hash = hex.EncodeToString(h[:])
	return nil
}

func deepCopy(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, x := range t {
			m[k] = deepCopy(x)
		}
		return m
	case []any:
		l := make([]any, len(t))
		for i, x := range t {
			l[i] = deepCopy(x)
		}
		return l
	case []map[string]any:
		l := make([]map[string]any, len(t))
		for i, x := range t {
			l[i] = deepCopy(x).(map[string]any)
		}
		return l
	}
	return v
}

// Len is the number of points.
func (sw *Spec) Len() int { return sw.count }

// Tasks is the number of cluster tasks (Slurm array tasks, Kubernetes
// indices) at PointsPerTask points each: ⌈Len/PointsPerTask⌉.
func (sw *Spec) Tasks(pointsPerTask int) int {
	if pointsPerTask < 1 {
		pointsPerTask = 1
	}
	return (sw.count + pointsPerTask - 1) / pointsPerTask
}

// AxisValue is the value of one axis at a point, as point files record it.
type AxisValue = erasure.AxisValue

// Point is one point of a sweep: the base study with the axes set to their
// values at this point and ensemble.seed set to PointSeed(sweep seed, Index).
type Point struct {
	Index  int
	Values []AxisValue // one per axis, in the order of Spec.Axes
	Seed   uint64
	TOML   string          // the resolved study config; `landauer run --config` reproduces the point
	Config *erasure.Config // TOML, decoded
	Study  *erasure.Study  // Config.Study()
}

// Label is the point's axis values as "key=value, ...".
func (p *Point) Label() string {
	parts := make([]string, len(p.Values))
	for i, v := range p.Values {
		parts[i] = fmt.Sprintf("%s=%v", v.Key, v.Value)
	}
	return strings.Join(parts, ", ")
}

// Point builds and validates point p (0 ≤ p < Len). A bad combination of
// values is an error naming the point, its values and the key.
func (sw *Spec) Point(p int) (*Point, error) {
	if p < 0 || p >= sw.count {
		return nil, fmt.Errorf("sweep: point %d out of range [0, %d)", p, sw.count)
	}
	pt := sw.newPoint(p)
	doc := deepCopy(sw.base).(map[string]any)
	set := func(key string, v any) {
		table, name, _ := strings.Cut(key, ".")
		t, ok := doc[table].(map[string]any)
		if !ok {
			t = map[string]any{}
			doc[table] = t
		}
		t[name] = v
	}
	for _, v := range pt.Values {
		set(v.Key, v.Value)
	}
	set("ensemble.seed", int64(pt.Seed))
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# point %d of sweep %q (spec hash %.16s)\n# %s\n", p, sw.Name, sw.Hash, pt.Label())
	if err := toml.NewEncoder(&buf).Encode(doc); err != nil {
		return nil, fmt.Errorf("sweep: point %d (%s): %v", p, pt.Label(), err)
	}
	pt.TOML = buf.String()
	cfg, err := erasure.ParseConfig(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("sweep: point %d (%s): %s", p, pt.Label(), strings.TrimPrefix(err.Error(), "config: "))
	}
	return pt, pt.study(cfg, sw.schema)
}

// newPoint is point p's index, seed and axis values.
func (sw *Spec) newPoint(p int) *Point {
	pt := &Point{Index: p, Seed: PointSeed(sw.Seed, p), Values: make([]AxisValue, len(sw.Axes))}
	rem := p
	for f := len(sw.factors) - 1; f >= 0; f-- {
		axes := sw.factors[f]
		n := len(sw.Axes[axes[0]].Values)
		j := rem % n
		rem /= n
		for _, a := range axes {
			pt.Values[a] = AxisValue{Key: sw.Axes[a].Key, Value: sw.Axes[a].Values[j]}
		}
	}
	return pt
}

// study builds and validates the point's study from its config.
func (pt *Point) study(cfg *erasure.Config, sc *erasure.Schema) error {
	if sc == nil {
		sc = erasure.NewSchema()
	}
	s, err := cfg.StudyWith(sc)
	if err != nil {
		return fmt.Errorf("sweep: point %d (%s): %s", pt.Index, pt.Label(), strings.TrimPrefix(err.Error(), "config: "))
	}
	if s.Method != erasure.FokkerPlanck {
		if err := s.Ensemble().Validate(); err != nil {
			return fmt.Errorf("sweep: point %d (%s): %v", pt.Index, pt.Label(), err)
		}
	}
	pt.Config, pt.Study = cfg, s
	return nil
}

// checkPoint is Point without the resolved TOML (Point.TOML is empty): the
// axis values are set into a copy of the decoded base config directly,
// not through a TOML text, which is what makes checking a million points
// take seconds. The study is the same as Point's (TestCheckPointSameStudy).
func (sw *Spec) checkPoint(p int) (*Point, error) {
	if p < 0 || p >= sw.count {
		return nil, fmt.Errorf("sweep: point %d out of range [0, %d)", p, sw.count)
	}
	pt := sw.newPoint(p)
	cfg := sw.config // pointers and maps shared with the base: set copies
	copied := map[string]bool{}
	cv := reflect.ValueOf(&cfg).Elem()
	set := func(key string, v any) {
		table, name, _ := strings.Cut(key, ".")
		ct := cv.Type()
		for i := range ct.NumField() {
			if ct.Field(i).Tag.Get("toml") != table {
				continue
			}
			f := cv.Field(i)
			if f.Kind() == reflect.Map {
				m, _ := f.Interface().(map[string]any)
				if !copied[table] {
					m2 := make(map[string]any, len(m)+1)
					for k, x := range m {
						m2[k] = x
					}
					m = m2
					copied[table] = true
					f.Set(reflect.ValueOf(m))
				}
				m[name] = v
				return
			}
			for j := range f.NumField() {
				if f.Type().Field(j).Tag.Get("toml") != name {
					continue
				}
				g := f.Field(j)
				t := g.Type()
				if t.Kind() == reflect.Pointer {
					nv := reflect.New(t.Elem())
					g.Set(nv)
					g = nv.Elem()
				}
				switch x := v.(type) {
				case int64:
					if g.Kind() == reflect.Float64 {
						g.SetFloat(float64(x))
					} else {
						g.SetInt(x)
					}
				case float64:
					g.SetFloat(x)
				case string:
					g.SetString(x)
				}
				return
			}
		}
	}
	for _, v := range pt.Values {
		set(v.Key, v.Value)
	}
	set("ensemble.seed", int64(pt.Seed))
	return pt, pt.study(&cfg, sw.schema)
}

// Points builds and validates every point, in index order.
func (sw *Spec) Points() ([]Point, error) {
	pts := make([]Point, sw.count)
	for p := range pts {
		pt, err := sw.Point(p)
		if err != nil {
			return nil, err
		}
		pts[p] = *pt
	}
	return pts, nil
}

// Cost is the estimated work of a set of points.
type Cost struct {
	Points, MonteCarlo, FokkerPlanck int
	ParticleSteps                    float64 // Σ trajectories × time steps (Monte Carlo)
	CellSteps                        float64 // Σ grid cells × time steps (Fokker–Planck, the fine solve)
}

// PointCost is the cost of one point (erasure.Study.Work).
func PointCost(s *erasure.Study) Cost {
	ps, cs := s.Work()
	if s.Method == erasure.FokkerPlanck {
		return Cost{Points: 1, FokkerPlanck: 1, CellSteps: cs}
	}
	return Cost{Points: 1, MonteCarlo: 1, ParticleSteps: ps}
}

// Add adds o to c.
func (c *Cost) Add(o Cost) {
	c.Points += o.Points
	c.MonteCarlo += o.MonteCarlo
	c.FokkerPlanck += o.FokkerPlanck
	c.ParticleSteps += o.ParticleSteps
	c.CellSteps += o.CellSteps
}
