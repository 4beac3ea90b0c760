//go:build race

package segment

// raceEnabled lets measurements that only need speed skip under -race.
const raceEnabled = true
