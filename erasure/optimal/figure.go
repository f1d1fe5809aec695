package optimal

import (
	"errors"
	"sort"

	"github.com/landauer-dev/landauer/plots"
)

// PathsFigure draws the optimum's control paths λ(t) (one curve per
// control, jumps at 0 and τ drawn as vertical steps).
func (r *Result) PathsFigure() (*plots.Figure, error) {
	names := make([]string, 0, len(r.Keyframes))
	for n := range r.Keyframes {
		names = append(names, n)
	}
	sort.Strings(names)
	var ss []plots.Series
	for _, n := range names {
		s := plots.Series{Label: n, Line: true}
		for _, p := range r.Keyframes[n] {
			s.Points = append(s.Points, plots.Point{X: p[0], Y: p[1]})
		}
		ss = append(ss, s)
	}
	return plots.SeriesFigure(ss, plots.Style{}, plots.SeriesOptions{
		XLabel: `time $t/t_0$`, YLabel: `control $\lambda(t)$`,
		XName: "t", XUnit: "t0", YName: "lambda", YUnit: "",
	})
}

// DensityFigure draws the potential and the density (log scale) of the
// optimum's Fokker–Planck re-solve at its snapshot times.
func (r *Result) DensityFigure() (*plots.Figure, error) {
	if r.Final == nil || len(r.Final.Snapshots) == 0 {
		return nil, errors.New("optimize: the optimum has no density snapshots")
	}
	var snaps []plots.Snapshot
	for _, s := range r.Final.Snapshots {
		snaps = append(snaps, plots.Snapshot{T: s.T, X: s.X, U: s.U, P: s.P})
	}
	return plots.DensityFigure(snaps, plots.Style{}, plots.DensityOptions{LogP: true, Tau: r.Duration})
}
