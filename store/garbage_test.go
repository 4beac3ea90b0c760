package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baosou/baosou/article"
	badger "github.com/dgraph-io/badger/v4"
)

// dirSizes sums the sizes of a store directory's value-log and table files.
func dirSizes(t *testing.T, dir string) (vlog, sst int64) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		switch filepath.Ext(e.Name()) {
		case ".vlog":
			vlog += info.Size()
		case ".sst":
			sst += info.Size()
		}
	}
	return vlog, sst
}

func smallFiles(o badger.Options) badger.Options {
	return o.WithValueLogFileSize(1 << 20).WithMemTableSize(64 << 10).WithNumLevelZeroTables(1).WithBaseTableSize(64 << 10).WithBaseLevelSize(256 << 10)
}

func longArt(id string, version int) *article.Article {
	body := strings.Repeat(fmt.Sprintf("第%d版的正文，", version), 200) // about 3.6 KB
	return &article.Article{ID: id, Newspaper: "人民日报", Date: "2019-02-01", Title: "标题" + id, Body: []string{body}}
}

func putAll(t *testing.T, s *Store, n, version int) {
	t.Helper()
	for i := 0; i < n; i += 100 {
		var arts []*article.Article
		for j := i; j < i+100 && j < n; j++ {
			arts = append(arts, longArt(fmt.Sprint("a", j), version))
		}
		if _, err := s.Put(context.Background(), arts); err != nil {
			t.Fatal(err)
		}
	}
}

// Articles live in the value log, their keys in the tree; replaced
// versions come back as space by CollectGarbage, and every article reads
// back as last written.
func TestArticlesInValueLogAndGarbageCollected(t *testing.T) {
	dir := t.TempDir()
	const n = 1500
	s, err := open(dir, nil, smallFiles)
	if err != nil {
		t.Fatal(err)
	}
	for v := 1; v <= 4; v++ {
		putAll(t, s, n, v)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	vlog, sst := dirSizes(t, dir)
	if vlog < 4*n*3000 || sst > vlog/10 {
		t.Fatalf("value log %d bytes, tables %d: want the four versions' %d+ bytes in the value log, the tables a tenth of it at most", vlog, sst, 4*n*3000)
	}

	s, err = open(dir, nil, smallFiles)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.db.Flatten(1); err != nil { // compaction tells Badger what is garbage
		t.Fatal(err)
	}
	ctx := context.Background()
	rewritten, err := s.CollectGarbage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := dirSizes(t, dir)
	if rewritten == 0 || after > vlog*3/4 {
		t.Fatalf("rewrote %d value-log files, %d bytes left of %d: want the replaced versions' space back", rewritten, after, vlog)
	}
	for _, id := range []string{"a0", "a777", fmt.Sprint("a", n-1)} {
		a, err := s.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if want := longArt(id, 4).Body[0]; a.Body[0] != want {
			t.Fatalf("%s reads back %.20q…, want version 4", id, a.Body[0])
		}
	}
}
