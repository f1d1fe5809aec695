package berut2012

import "github.com/landauer-dev/landauer/erasure"

// Plan lists the studies Run makes, in order, one group per point it
// reports through Progress (the tilt and the whole cycle, each by Monte
// Carlo and Fokker–Planck), with the ensemble sizes su asks for: for a
// cost estimate before the run.
func Plan(su Setup) ([][]*erasure.Study, error) {
	sched := su.Schedule
	if sched == "" {
		sched = FixedForce
	}
	taus := su.Durations
	if taus == nil {
		taus = Durations(su.Quick)
	}
	n := su.Trajectories
	if n <= 0 {
		n = Trajectories(su.Quick)
	}
	var plan [][]*erasure.Study
	for _, tauS := range taus {
		full, tilt, err := Protocols(sched, tauS)
		if err != nil {
			return nil, err
		}
		var step []*erasure.Study
		for _, p := range []erasure.Protocol{tilt, full} {
			s := Study(p)
			s.Trajectories, s.Workers = n, su.Workers
			step = append(step, erasure.BothMethods(s)...)
		}
		plan = append(plan, step)
	}
	return plan, nil
}
