package plots_test

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/landauer-dev/landauer/erasure"
	"github.com/landauer-dev/landauer/plots"
	"github.com/landauer-dev/landauer/stats"
)

// The headline figure: mean work against duration for Monte Carlo results,
// with the kT ln 2 line, W∞ + B/τ fits, and the error rates below.
func ExampleWorkDurationFigure() {
	var results []erasure.Result
	for _, tau := range []float64{1, 3, 10, 30, 100} {
		results = append(results, erasure.Result{
			Method:        erasure.MonteCarlo,
			Protocol:      "four-stage",
			Duration:      tau,
			Work:          stats.Mean(math.Ln2+5/tau, 0.05),
			Errors:        0,
			ErrorInterval: stats.Interval{Low: 0, High: 3e-4, Level: 0.95, Method: stats.MethodWilson},
			Trajectories:  10000,
		})
	}
	fig, err := plots.WorkDurationFigure(
		[]plots.Series{plots.WorkVsDuration(results, "four-stage, Monte Carlo")},
		plots.SingleColumn(),
		plots.WorkDurationOptions{
			Fit:         true,
			Errors:      []plots.Series{plots.ErrorVsDuration(results, "four-stage")},
			TargetError: 1e-15,
		})
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "plots-example")
	defer os.RemoveAll(dir)
	for _, name := range []string{"work.png", "work.svg", "work.tex", "work.pdf"} {
		if err := fig.Save(filepath.Join(dir, name)); err != nil {
			fmt.Println(err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		fmt.Println(filepath.Base(f))
	}
	fmt.Printf("fit: W∞ = %.3f kT\n", fig.Fits[0].Inf)
	// Output:
	// work.csv
	// work.pdf
	// work.png
	// work.svg
	// work.tex
	// fit: W∞ = 0.693 kT
}

// The work–error plane with the three bound curves, computed from their
// formulas; the CSV beside the image holds every plotted number.
func ExampleWorkErrorFigure() {
	fig, err := plots.WorkErrorFigure(nil, plots.SingleColumn(), plots.WorkErrorOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	var b strings.Builder
	if err := fig.WriteCSV(&b); err != nil {
		fmt.Println(err)
		return
	}
	lines := strings.Split(b.String(), "\n")
	fmt.Println(lines[0])
	fmt.Println(lines[1])
	// Output:
	// series,kind,error_rate,error_rate_low,error_rate_high,quantity,value,value_low,value_high,unit,limit
	// landauer_with_error,bound,1e-25,,,work_bound,0.6931471805599453,,,kT,
}

// Numbers for legends: three digits for a value, and a value with its
// standard error rounded to what the error supports.
func ExampleFormatPM() {
	fmt.Println(plots.FormatValue(3.16227766016838))
	fmt.Println(plots.FormatValue(1e-15))
	fmt.Println(plots.FormatPM(-18.7, 43, "kT·t0"))
	fmt.Println(plots.FormatPM(0.69712, 0.0123, "kT"))
	// Output:
	// 3.16
	// 10⁻¹⁵
	// (−19 ± 43) kT·t0
	// (0.697 ± 0.012) kT
}

// The least-work front of `landauer optimize` results, with a bound the
// caller computes from its formula (here kT[ln 2 − H(ε)]).
func ExampleTableFigure_front() {
	tab, err := plots.ReadTable(strings.NewReader(`{"class":"asymmetric","duration":1,"max_error":0.01,"work_mean":2.37,"work_err":0.0008,"error_rate":0.0098}
{"class":"asymmetric","duration":10,"max_error":0.01,"work_mean":0.85,"work_err":0.0001,"error_rate":0.0099}
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	landauer := func(eps, _ float64) float64 {
		return math.Ln2 + eps*math.Log(eps) + (1-eps)*math.Log(1-eps)
	}
	fig, err := plots.TableFigure(tab, plots.SingleColumn(), plots.TableFigureOptions{
		Kind:        plots.KindFront,
		FrontBounds: []plots.FrontBound{{Name: "landauer_with_error", Label: `$\ln 2 - H(\varepsilon)$`, W: landauer}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	kinds := map[string]int{}
	for _, row := range fig.Table().Rows {
		kinds[row[1]]++
	}
	fmt.Println(fig.Kind, kinds["curve"], "optima,", kinds["bound"] > 0, "bound")
	// Output:
	// front 2 optima, true bound
}
