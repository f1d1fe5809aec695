package nestbench25

import "github.com/landauer-dev/landauer/erasure"

// Plan lists the one study Run makes, with the ensemble size su asks for:
// for a cost estimate before the run.
func Plan(su Setup) ([][]*erasure.Study, error) {
	s, err := Study(su.Table)
	if err != nil {
		return nil, err
	}
	if su.Trajectories > 0 {
		s.Trajectories = su.Trajectories
	}
	s.Workers = su.Workers
	return [][]*erasure.Study{{s}}, nil
}
