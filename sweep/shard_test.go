package sweep

import (
	"strings"
	"testing"
)

func TestResolveShard(t *testing.T) {
	cases := []struct {
		shard  string
		shards int
		env    map[string]string
		i, n   int
		err    string
	}{
		{"", 0, nil, 0, 1, ""},
		{"2/5", 0, nil, 2, 5, ""},
		{"2/5", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "3"}, 2, 5, ""},
		{"5/5", 0, nil, 0, 0, "--shard must be i/n"},
		{"a/b", 0, nil, 0, 0, "--shard must be i/n"},
		{"1", 0, nil, 0, 0, "--shard must be i/n"},
		{"", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "2"}, 2, 3, ""},
		{"", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_COUNT": "2", "SLURM_ARRAY_TASK_MIN": "3", "SLURM_ARRAY_TASK_MAX": "7"}, 0, 0, "pass --shards"},
		{"", 10, map[string]string{"SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_COUNT": "2", "SLURM_ARRAY_TASK_MIN": "3", "SLURM_ARRAY_TASK_MAX": "7"}, 7, 10, ""},
		{"", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "3", "LANDAUER_SHARDS": "4"}, 3, 4, ""},
		{"", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "4", "LANDAUER_SHARDS": "4"}, 0, 0, "not below the shard count"},
		{"", 0, map[string]string{"SLURM_ARRAY_TASK_ID": "x"}, 0, 0, "must be an index"},
		{"", 0, map[string]string{"JOB_COMPLETION_INDEX": "2", "LANDAUER_SHARDS": "3"}, 2, 3, ""},
		{"", 0, map[string]string{"JOB_COMPLETION_INDEX": "2", "LANDAUER_SHARDS": "zero"}, 0, 0, "LANDAUER_SHARDS"},
		{"", 0, map[string]string{"JOB_COMPLETION_INDEX": "2"}, 0, 0, "pass --shards"},
		{"", 3, nil, 0, 0, "without --shard"},
		{"", -1, nil, 0, 0, "--shards must be"},
	}
	for _, c := range cases {
		sh, err := ResolveShard(c.shard, c.shards, func(k string) string { return c.env[k] })
		i, n := sh.Index, sh.Count
		if c.err == "" && (err != nil || i != c.i || n != c.n) || c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("%q %d %v: got %d/%d %v, want %d/%d %q", c.shard, c.shards, c.env, i, n, err, c.i, c.n, c.err)
		}
	}
}
