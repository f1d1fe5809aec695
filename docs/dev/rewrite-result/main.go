//go:build ignore

// Command rewrite-result rewrites Go code that uses the flat fields of the
// old erasure.Result (WorkMean, WorkSEM, WorkErr, HeatMean, ..., ErrorLow,
// ErrorHigh, Jarzynski, KineticTemperatureSEM, WorkBiasSEM, ...) into the
// stats.Estimate shape of issue 13 (Work.Value, Work.Uncertainty,
// ErrorInterval.Low, ...). See docs/dev/REWRITE.md.
//
// It is type-aware: only selectors whose field is a field of erasure.Result
// (declared in erasure/result.go) and composite literals of type
// erasure.Result are rewritten, so the fields of the same name in other
// types (papers' rows, discrete.Estimate, optimize's JSON record, ...) are
// left alone. It type-checks the tree from source (standard library only),
// so it must run on a tree where erasure.Result still has the old fields.
//
// Usage, from the module root:
//
//	go run docs/dev/rewrite-result/main.go [-w] [dir ...]
//
// Without -w it prints the files it would change and the rewrites it could
// not do (to be done by hand); with -w it writes them (gofmt'ed). With no
// dir it walks the whole module.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/build"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

const (
	modulePath  = "github.com/landauer-dev/landauer"
	erasurePath = modulePath + "/erasure"
	statsPath   = modulePath + "/stats"
)

// selectorRewrite maps an old field to its new selector tail.
var selectorRewrite = map[string]string{
	"WorkMean":             "Work.Value",
	"WorkSEM":              "Work.StandardError()",
	"WorkErr":              "Work.DiscretisationError()",
	"HeatMean":             "Heat.Value",
	"HeatSEM":              "Heat.StandardError()",
	"HeatErr":              "Heat.DiscretisationError()",
	"DeltaUMean":           "DeltaU.Value",
	"DeltaUSEM":            "DeltaU.StandardError()",
	"ErrorRate":            "ErrorRate.Value",
	"ErrorRateErr":         "ErrorRate.DiscretisationError()",
	"ErrorLow":             "ErrorInterval.Low",
	"ErrorHigh":            "ErrorInterval.High",
	"Jarzynski":            "Jarzynski.Value",
	"JarzynskiSEM":         "Jarzynski.StandardError()",
	"JarzynskiDetailed":    "JarzynskiDetailed.Value",
	"JarzynskiDetailedSEM": "JarzynskiDetailed.StandardError()",
}

// pointerRewrite maps an old *float64 field to the new *stats.Estimate
// field and the tail that replaces a dereference *x.Field.
var pointerRewrite = map[string][2]string{
	"KineticTemperature":        {"KineticTemperature", "KineticTemperature.Value"},
	"KineticTemperatureSEM":     {"KineticTemperature", "KineticTemperature.Uncertainty"},
	"ShadowWorkMean":            {"ShadowWork", "ShadowWork.Value"},
	"ShadowWorkSEM":             {"ShadowWork", "ShadowWork.Uncertainty"},
	"WorkBias":                  {"WorkBias", "WorkBias.Value"},
	"WorkBiasSEM":               {"WorkBias", "WorkBias.Uncertainty"},
	"HeatBias":                  {"HeatBias", "HeatBias.Value"},
	"HeatBiasSEM":               {"HeatBias", "HeatBias.Uncertainty"},
	"ErrorRateBias":             {"ErrorRateBias", "ErrorRateBias.Value"},
	"ErrorRateBiasSEM":          {"ErrorRateBias", "ErrorRateBias.Uncertainty"},
	"KineticTemperatureBias":    {"KineticTemperatureBias", "KineticTemperatureBias.Value"},
	"KineticTemperatureBiasSEM": {"KineticTemperatureBias", "KineticTemperatureBias.Uncertainty"},
}

type edit struct {
	start, end int
	text       string
}

type fileEdits struct {
	path   string
	src    []byte
	edits  []edit
	manual []string
	stats  bool // the new text uses package stats
}

func main() {
	write := flag.Bool("w", false, "write the rewritten files")
	flag.Parse()
	dirs := flag.Args()
	if len(dirs) == 0 {
		dirs = packageDirs(".")
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil)
	var all []*fileEdits
	for _, dir := range dirs {
		all = append(all, rewriteDir(fset, imp, dir)...)
	}
	failed := false
	for _, fe := range all {
		for _, m := range fe.manual {
			fmt.Fprintf(os.Stderr, "%s\n", m)
		}
		if len(fe.edits) == 0 {
			continue
		}
		out, err := apply(fe)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", fe.path, err)
			failed = true
			continue
		}
		fmt.Printf("%s: %d rewrites\n", fe.path, len(fe.edits))
		if *write {
			if err := os.WriteFile(fe.path, out, 0o644); err != nil {
				fmt.Fprintln(os.Stderr, err)
				failed = true
			}
		}
	}
	if failed {
		os.Exit(1)
	}
}

// packageDirs lists the directories under root that hold Go files, except
// testdata, hidden and underscore directories and docs/dev.
func packageDirs(root string) []string {
	var dirs []string
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || path == filepath.Join("docs", "dev")) {
				return filepath.SkipDir
			}
			if m, _ := filepath.Glob(filepath.Join(path, "*.go")); len(m) > 0 {
				dirs = append(dirs, path)
			}
		}
		return nil
	})
	return dirs
}

// rewriteDir type-checks the package in dir with its in-package tests, and
// its external test package, and returns the edits of each file.
func rewriteDir(fset *token.FileSet, imp types.Importer, dir string) []*fileEdits {
	bp, err := build.ImportDir(dir, build.ImportComment)
	if err != nil {
		if _, ok := err.(*build.NoGoError); !ok {
			fmt.Fprintf(os.Stderr, "%s: %v\n", dir, err)
		}
		return nil
	}
	var out []*fileEdits
	check := func(path string, names []string) {
		if len(names) == 0 {
			return
		}
		var files []*ast.File
		srcs := map[*ast.File][]byte{}
		for _, n := range names {
			p := filepath.Join(dir, n)
			src, err := os.ReadFile(p)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				continue
			}
			f, err := parser.ParseFile(fset, p, src, parser.ParseComments)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				continue
			}
			files = append(files, f)
			srcs[f] = src
		}
		info := &types.Info{
			Types:      map[ast.Expr]types.TypeAndValue{},
			Selections: map[*ast.SelectorExpr]*types.Selection{},
			Uses:       map[*ast.Ident]types.Object{},
		}
		conf := types.Config{Importer: imp, Error: func(error) {}} // keep going on errors
		conf.Check(path, fset, files, info)
		for _, f := range files {
			fe := rewriteFile(fset, info, f, srcs[f])
			out = append(out, fe)
		}
	}
	path := modulePath // the import path, from the directory (run from the module root)
	if d := filepath.ToSlash(filepath.Clean(dir)); d != "." {
		path += "/" + d
	}
	check(path, append(append([]string{}, bp.GoFiles...), bp.TestGoFiles...))
	check(path+"_test", bp.XTestGoFiles)
	return out
}

// isResultField reports whether obj is a field of the old erasure.Result
// (declared in erasure/result.go).
func isResultField(fset *token.FileSet, obj types.Object) bool {
	v, ok := obj.(*types.Var)
	if !ok || !v.IsField() || v.Pkg() == nil || v.Pkg().Path() != erasurePath {
		return false
	}
	return filepath.Base(fset.Position(v.Pos()).Filename) == "result.go"
}

func isResult(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == erasurePath && n.Obj().Name() == "Result"
}

func rewriteFile(fset *token.FileSet, info *types.Info, f *ast.File, src []byte) *fileEdits {
	fe := &fileEdits{path: fset.Position(f.Pos()).Filename, src: src}
	off := func(p token.Pos) int { return fset.Position(p).Offset }
	text := func(n ast.Node) string { return string(src[off(n.Pos()):off(n.End())]) }
	where := func(n ast.Node) string { return fset.Position(n.Pos()).String() }

	var sels []edit // selector edits, by position
	var lits []edit // composite literal edits (element lists)
	stars := map[*ast.SelectorExpr]*ast.StarExpr{}
	nilChecks := map[*ast.SelectorExpr]*ast.BinaryExpr{} // x.F == nil, x.F != nil
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.StarExpr:
			if sel, ok := ast.Unparen(n.X).(*ast.SelectorExpr); ok {
				stars[sel] = n
			}
		case *ast.BinaryExpr:
			if n.Op != token.EQL && n.Op != token.NEQ {
				break
			}
			if id, ok := n.Y.(*ast.Ident); ok && id.Name == "nil" {
				if sel, ok := ast.Unparen(n.X).(*ast.SelectorExpr); ok {
					nilChecks[sel] = n
				}
			}
		}
		return true
	})
	ast.Inspect(f, func(n ast.Node) bool {
		n1, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		sel := info.Selections[n1]
		if sel == nil || sel.Kind() != types.FieldVal || !isResultField(fset, sel.Obj()) {
			return true
		}
		name := n1.Sel.Name
		if tail, ok := selectorRewrite[name]; ok {
			sels = append(sels, edit{off(n1.Sel.Pos()), off(n1.Sel.End()), tail})
			if strings.HasPrefix(name, "Jarzynski") {
				fe.manual = append(fe.manual, fmt.Sprintf("%s: check by hand: %s is now read through a *stats.Estimate, nil for a Fokker–Planck result (was NaN)", where(n1), text(n1)))
			}
		} else if pr, ok := pointerRewrite[name]; ok {
			if s, ok := stars[n1]; ok {
				sels = append(sels, edit{off(s.Pos()), off(s.Pos()) + 1, ""})
				sels = append(sels, edit{off(n1.Sel.Pos()), off(n1.Sel.End()), pr[1]})
			} else if b, ok := nilChecks[n1]; ok && strings.HasSuffix(name, "SEM") {
				// x.FSEM == nil → (x.F == nil || !x.F.Has(stats.StandardError))
				x := text(n1.X)
				e := x + "." + pr[0]
				repl := "(" + e + " == nil || !" + e + ".Has(stats.StandardError))"
				if b.Op == token.NEQ {
					repl = "(" + e + " != nil && " + e + ".Has(stats.StandardError))"
				}
				sels = append(sels, edit{off(b.Pos()), off(b.End()), repl})
				fe.stats = true
			} else if _, ok := nilChecks[n1]; ok {
				sels = append(sels, edit{off(n1.Sel.Pos()), off(n1.Sel.End()), pr[0]})
			} else {
				sels = append(sels, edit{off(n1.Sel.Pos()), off(n1.Sel.End()), pr[0]})
				if strings.HasSuffix(name, "SEM") {
					fe.manual = append(fe.manual, fmt.Sprintf("%s: check by hand: %s (a *float64 standard error) became %s (the *stats.Estimate it belongs to)", where(n1), text(n1), pr[0]))
				} else {
					fe.manual = append(fe.manual, fmt.Sprintf("%s: check by hand: %s is now a *stats.Estimate (an assignment of a *float64 is not one)", where(n1), text(n1)))
				}
			}
		}
		return true
	})
	// textWithEdits is the source of n with the selector edits inside it.
	textWithEdits := func(n ast.Node) string {
		lo, hi := off(n.Pos()), off(n.End())
		var in []edit
		for _, e := range sels {
			if e.start >= lo && e.end <= hi {
				in = append(in, e)
			}
		}
		sort.Slice(in, func(i, j int) bool { return in[i].start < in[j].start })
		var b strings.Builder
		last := lo
		for _, e := range in {
			b.Write(src[last:e.start])
			b.WriteString(e.text)
			last = e.end
		}
		b.Write(src[last:hi])
		return b.String()
	}
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.CompositeLit)
		if !ok {
			return true
		}
		tv, ok := info.Types[lit]
		if !ok || !isResult(tv.Type) {
			return true
		}
		if e, ok := rewriteLiteral(lit, textWithEdits, where, fe); ok {
			lits = append(lits, edit{off(lit.Lbrace) + 1, off(lit.Rbrace), e})
			return false // a Result literal holds no Result literal
		}
		return true
	})
	// Selector edits inside a rewritten literal are in its text already.
	for _, s := range sels {
		inside := false
		for _, l := range lits {
			if s.start >= l.start && s.end <= l.end {
				inside = true
			}
		}
		if !inside {
			fe.edits = append(fe.edits, s)
		}
	}
	fe.edits = append(fe.edits, lits...)
	fe.stats = fe.stats || len(lits) > 0
	return fe
}

// rewriteLiteral returns the new element list of an erasure.Result
// composite literal that uses old keys.
func rewriteLiteral(lit *ast.CompositeLit, text func(ast.Node) string, where func(ast.Node) string, fe *fileEdits) (string, bool) {
	vals := map[string]string{}
	var order []ast.Expr
	old := false
	for _, e := range lit.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			return "", false // positional: leave it (the compiler will say)
		}
		k := kv.Key.(*ast.Ident).Name
		vals[k] = text(kv.Value)
		if _, ok := selectorRewrite[k]; ok {
			old = true
		}
		if _, ok := pointerRewrite[k]; ok {
			old = true
		}
		order = append(order, e)
	}
	if !old {
		return "", false
	}
	isNaN := func(s string) bool { return strings.ReplaceAll(s, " ", "") == "math.NaN()" }
	estimate := func(mean, sem, err string) string {
		v, hasV := vals[mean]
		s, hasS := vals[sem]
		e, hasE := vals[err]
		if !hasV {
			v = "0"
		}
		if hasS && isNaN(s) {
			hasS = false
		}
		switch {
		case hasE && !hasS:
			return "stats.Discretised(" + v + ", " + e + ")"
		case hasS:
			if hasE {
				fe.manual = append(fe.manual, fmt.Sprintf("%s: literal has both %s and %s: kept the standard error", where(lit), sem, err))
			}
			return "stats.Mean(" + v + ", " + s + ")"
		}
		return "stats.Estimate{Value: " + v + "}"
	}
	optional := func(mean, sem string) (string, bool) {
		v, hasV := vals[mean]
		if !hasV || isNaN(v) {
			return "", false
		}
		s, hasS := vals[sem]
		if !hasS || isNaN(s) {
			return "&stats.Estimate{Value: " + v + "}", true
		}
		return "&stats.Estimate{Value: " + v + ", Uncertainty: " + s + ", Kind: stats.StandardError}", true
	}
	groups := map[string]func() (string, bool){
		"Work":   func() (string, bool) { return estimate("WorkMean", "WorkSEM", "WorkErr"), true },
		"Heat":   func() (string, bool) { return estimate("HeatMean", "HeatSEM", "HeatErr"), true },
		"DeltaU": func() (string, bool) { return estimate("DeltaUMean", "DeltaUSEM", ""), true },
		"ErrorRate": func() (string, bool) {
			return estimate("ErrorRate", "", "ErrorRateErr"), true
		},
		"ErrorInterval": func() (string, bool) {
			lo, hi := vals["ErrorLow"], vals["ErrorHigh"]
			if lo == "" {
				lo = "0"
			}
			if hi == "" {
				hi = "0"
			}
			if _, fp := vals["ErrorRateErr"]; fp {
				return "stats.Interval{Low: " + lo + ", High: " + hi + ", Method: stats.MethodDiscretisation}", true
			}
			return "stats.Interval{Low: " + lo + ", High: " + hi + ", Level: 0.95, Method: stats.MethodWilson}", true
		},
		"Jarzynski":         func() (string, bool) { return optional("Jarzynski", "JarzynskiSEM") },
		"JarzynskiDetailed": func() (string, bool) { return optional("JarzynskiDetailed", "JarzynskiDetailedSEM") },
	}
	groupOf := map[string]string{
		"WorkMean": "Work", "WorkSEM": "Work", "WorkErr": "Work",
		"HeatMean": "Heat", "HeatSEM": "Heat", "HeatErr": "Heat",
		"DeltaUMean": "DeltaU", "DeltaUSEM": "DeltaU",
		"ErrorRate": "ErrorRate", "ErrorRateErr": "ErrorRate",
		"ErrorLow": "ErrorInterval", "ErrorHigh": "ErrorInterval",
		"Jarzynski": "Jarzynski", "JarzynskiSEM": "Jarzynski",
		"JarzynskiDetailed": "JarzynskiDetailed", "JarzynskiDetailedSEM": "JarzynskiDetailed",
	}
	done := map[string]bool{}
	var elts []string
	for _, e := range order {
		kv := e.(*ast.KeyValueExpr)
		k := kv.Key.(*ast.Ident).Name
		if g, ok := groupOf[k]; ok {
			if done[g] {
				continue
			}
			done[g] = true
			if s, ok := groups[g](); ok {
				elts = append(elts, g+": "+s)
			}
			continue
		}
		if _, ok := pointerRewrite[k]; ok {
			fe.manual = append(fe.manual, fmt.Sprintf("%s: rewrite by hand: literal key %s (now a *stats.Estimate)", where(kv), k))
		}
		elts = append(elts, text(e))
	}
	if len(elts) == 0 {
		return "", true
	}
	if strings.Contains(text(lit), "\n") {
		return "\n" + strings.Join(elts, ",\n") + ",\n", true
	}
	return strings.Join(elts, ", "), true
}

// apply applies the edits (sorted, non-overlapping), adds the stats import
// where the new text needs it, and gofmts the result.
func apply(fe *fileEdits) ([]byte, error) {
	sort.Slice(fe.edits, func(i, j int) bool { return fe.edits[i].start < fe.edits[j].start })
	var b bytes.Buffer
	last := 0
	for _, e := range fe.edits {
		if e.start < last {
			return nil, fmt.Errorf("overlapping rewrites at byte %d: do this file by hand", e.start)
		}
		b.Write(fe.src[last:e.start])
		b.WriteString(e.text)
		last = e.end
	}
	b.Write(fe.src[last:])
	out := b.Bytes()
	if fe.stats && !bytes.Contains(out, []byte(`"`+statsPath+`"`)) {
		out = addImport(out)
	}
	return format.Source(out)
}

// addImport adds the stats import after the erasure import (or the last
// import of the module, or as its own import).
func addImport(src []byte) []byte {
	lines := strings.Split(string(src), "\n")
	at := -1
	for i, l := range lines {
		if strings.Contains(l, `"`+modulePath+`/`) && strings.HasPrefix(strings.TrimSpace(l), `"`) {
			at = i
		}
	}
	spec := "\t\"" + statsPath + "\""
	if at < 0 {
		for i, l := range lines {
			if strings.HasPrefix(l, "package ") {
				return []byte(strings.Join(append(lines[:i+1], append([]string{"", "import \"" + statsPath + "\""}, lines[i+1:]...)...), "\n"))
			}
		}
		return src
	}
	if strings.HasPrefix(lines[at], "import ") { // single import line
		spec = "import \"" + statsPath + "\""
	}
	return []byte(strings.Join(append(lines[:at+1], append([]string{spec}, lines[at+1:]...)...), "\n"))
}
