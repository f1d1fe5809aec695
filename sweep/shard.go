package sweep

import (
	"fmt"
	"strconv"
	"strings"
)

// Shard is shard Index of Count: the points p with p mod Count = Index.
type Shard struct{ Index, Count int }

// String is "i/n".
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Count) }

// Points builds and validates the shard's points of sp, in index order,
// each checked by check (when not nil) before any runs.
func (s Shard) Points(sp *Spec, check func(*Point) error) ([]*Point, error) {
	var pts []*Point
	for p := s.Index; p < sp.Len(); p += s.Count {
		pt, err := sp.Point(p)
		if err != nil {
			return nil, err
		}
		if check != nil {
			if err := check(pt); err != nil {
				return nil, err
			}
		}
		pts = append(pts, pt)
	}
	return pts, nil
}

// ResolveShard returns the shard a process runs: flagShard ("i/n", the
// command line's --shard) when not empty; else the index from
// SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX with the count from
// flagShards (--shards), LANDAUER_SHARDS or (Slurm, an array 0..count−1)
// SLURM_ARRAY_TASK_COUNT; else 0/1 (every point). getenv reads the
// environment (os.Getenv; a map in tests). Every error is bad input, one
// line naming the flag or variable.
func ResolveShard(flagShard string, flagShards int, getenv func(string) string) (Shard, error) {
	if flagShard != "" {
		a, b, ok := strings.Cut(flagShard, "/")
		i, err1 := strconv.Atoi(a)
		n, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
			return Shard{}, fmt.Errorf("--shard must be i/n with 0 <= i < n, got %q", flagShard)
		}
		return Shard{i, n}, nil
	}
	if flagShards < 0 {
		return Shard{}, fmt.Errorf("--shards must be >= 1, got %d", flagShards)
	}
	count := func(src string) (int, error) {
		if flagShards > 0 {
			return flagShards, nil
		}
		if v := getenv("LANDAUER_SHARDS"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return 0, fmt.Errorf("LANDAUER_SHARDS must be a count >= 1, got %q", v)
			}
			return n, nil
		}
		if src == "SLURM_ARRAY_TASK_ID" {
			c, err1 := strconv.Atoi(getenv("SLURM_ARRAY_TASK_COUNT"))
			lo, err2 := strconv.Atoi(getenv("SLURM_ARRAY_TASK_MIN"))
			hi, err3 := strconv.Atoi(getenv("SLURM_ARRAY_TASK_MAX"))
			if err1 == nil && c >= 1 && (err2 != nil || lo == 0) && (err3 != nil || hi == c-1) {
				return c, nil
			}
			return 0, fmt.Errorf("SLURM_ARRAY_TASK_ID is set but the array is not 0..count-1 (count %q, min %q, max %q): pass --shards N",
				getenv("SLURM_ARRAY_TASK_COUNT"), getenv("SLURM_ARRAY_TASK_MIN"), getenv("SLURM_ARRAY_TASK_MAX"))
		}
		return 0, fmt.Errorf("%s is set but not the shard count: pass --shards N or set LANDAUER_SHARDS", src)
	}
	for _, src := range []string{"SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"} {
		v := getenv(src)
		if v == "" {
			continue
		}
		i, err := strconv.Atoi(v)
		if err != nil || i < 0 {
			return Shard{}, fmt.Errorf("%s must be an index >= 0, got %q", src, v)
		}
		n, err := count(src)
		if err != nil {
			return Shard{}, err
		}
		if i >= n {
			return Shard{}, fmt.Errorf("%s = %d is not below the shard count %d", src, i, n)
		}
		return Shard{i, n}, nil
	}
	if flagShards > 1 {
		return Shard{}, fmt.Errorf("--shards %d without --shard i/n, SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX", flagShards)
	}
	return Shard{0, 1}, nil
}
