package erasure

import (
	"context"
	"errors"
)

func (s *Study) runFokkerPlanck(ctx context.Context) (*Result, error) {
	return nil, errors.New("study: the fokker-planck method is not wired in yet")
}
