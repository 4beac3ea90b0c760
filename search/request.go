package search

import (
	"fmt"
	"strings"
	"time"
)

// Paging limits: deep paging costs memory in the collector of any engine.
const (
	DefaultSize = 10
	MaxSize     = 100
	MaxOffset   = 10000
)

// Years a date may name: dates are nanoseconds since 1970 in an int64
// inside the index, which covers 1677-09-21 to 2262-04-11.
const (
	MinYear = 1678
	MaxYear = 2261
)

// Validate checks what needs no index: dates, sort, paging. Errors are
// *ParamError naming the parameter. Every front end (HTTP, CLI) goes
// through the searcher, which calls it: the rules live here once.
func (r Request) Validate() error {
	if _, _, err := r.DateRange(); err != nil {
		return err
	}
	switch r.Sort {
	case "", SortRelevance, SortDate, SortDateDesc:
	default:
		return &ParamError{Param: "sort", Reason: fmt.Sprintf("%q: want %s, %s or %s", clip(r.Sort), SortRelevance, SortDate, SortDateDesc)}
	}
	_, _, err := r.Paging()
	return err
}

// DateRange returns the first and the last day the request's From and To
// select (zero: open): From's first day and To's last, so to=2019-10
// includes the whole of October.
func (r Request) DateRange() (from, to time.Time, err error) {
	if from, _, err = parseDay("from", r.From); err != nil {
		return
	}
	if _, to, err = parseDay("to", r.To); err != nil {
		return
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return time.Time{}, time.Time{}, &ParamError{Param: "to", Reason: "is before from"}
	}
	return from, to, nil
}

// parseDay reads YYYY, YYYY-MM or YYYY-MM-DD as the days it spans.
func parseDay(param, s string) (first, last time.Time, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	for _, f := range []struct {
		layout string
		years  int
		months int
	}{{"2006-01-02", 0, 0}, {"2006-01", 0, 1}, {"2006", 1, 0}} {
		t, perr := time.Parse(f.layout, s)
		if perr != nil || len(s) != len(f.layout) {
			continue
		}
		if y := t.Year(); y < MinYear || y > MaxYear {
			return first, last, &ParamError{Param: param, Reason: fmt.Sprintf("year %d is outside %d–%d", y, MinYear, MaxYear)}
		}
		last = t
		if f.years+f.months > 0 {
			last = t.AddDate(f.years, f.months, -1)
		}
		return t, last, nil
	}
	return first, last, &ParamError{Param: param, Reason: fmt.Sprintf("%q is not a date: want YYYY, YYYY-MM or YYYY-MM-DD", clip(s))}
}

// Paging returns the page size and the offset of the first hit.
func (r Request) Paging() (size, from int, err error) {
	size, page := r.Size, r.Page
	if size == 0 {
		size = DefaultSize
	}
	if page == 0 {
		page = 1
	}
	if size < 1 || size > MaxSize {
		return 0, 0, &ParamError{Param: "size", Reason: fmt.Sprintf("must be between 1 and %d", MaxSize)}
	}
	if page < 1 {
		return 0, 0, &ParamError{Param: "page", Reason: "must be 1 or more"}
	}
	if page-1 > MaxOffset/size || (page-1)*size > MaxOffset {
		return 0, 0, &ParamError{Param: "page", Reason: fmt.Sprintf("results beyond the first %d cannot be paged to; narrow the search", MaxOffset)}
	}
	return size, (page - 1) * size, nil
}

// clip bounds user input quoted in an error.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}
