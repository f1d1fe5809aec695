package papers

import (
	"fmt"
	"slices"
	"strings"

	"github.com/landauer-dev/landauer/papers/berut2012"
	"github.com/landauer-dev/landauer/papers/daemonicsigil"
	"github.com/landauer-dev/landauer/papers/dago2021"
	"github.com/landauer-dev/landauer/papers/fullcontrol"
	"github.com/landauer-dev/landauer/papers/gavrilov2016"
	"github.com/landauer-dev/landauer/papers/gavrilov2017"
	"github.com/landauer-dev/landauer/papers/headline"
	"github.com/landauer-dev/landauer/papers/jun2014"
	"github.com/landauer-dev/landauer/papers/landauer1961"
	"github.com/landauer-dev/landauer/papers/nestbench25"
	"github.com/landauer-dev/landauer/papers/proesmans2020"
	"github.com/landauer-dev/landauer/papers/repro"
)

// List returns the reproducible papers, in a fixed order: each paper
// package's own repro.Paper, the headline comparison (`landauer demo`)
// last. The list is built afresh on every call.
func List() []repro.Paper {
	return []repro.Paper{
		nestbench25.Paper(),
		jun2014.Paper(),
		berut2012.Paper(),
		gavrilov2016.Paper(),
		gavrilov2017.Paper(),
		proesmans2020.Paper(),
		fullcontrol.Paper(),
		dago2021.Paper(),
		daemonicsigil.Paper(),
		landauer1961.Paper(),
		headline.Paper(),
	}
}

// Names returns the names of List, in order.
func Names() []string {
	var names []string
	for _, p := range List() {
		names = append(names, p.Name)
	}
	return names
}

// Lookup finds a paper by name; the error lists the names there are.
func Lookup(name string) (repro.Paper, error) {
	ps := List()
	i := slices.IndexFunc(ps, func(p repro.Paper) bool { return p.Name == name })
	if i < 0 {
		return repro.Paper{}, fmt.Errorf("papers: no paper %q (have %s)", name, strings.Join(Names(), ", "))
	}
	return ps[i], nil
}
