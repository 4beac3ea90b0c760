package search

import (
	"errors"
	"testing"
	"time"
)

func TestDateRange(t *testing.T) {
	day := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	for _, tc := range []struct {
		from, to         string
		wantFrom, wantTo string // "" zero
		param            string // error naming this parameter
	}{
		{from: "2019-10-01", to: "2019-10-31", wantFrom: "2019-10-01", wantTo: "2019-10-31"},
		{from: "2019", to: "2019", wantFrom: "2019-01-01", wantTo: "2019-12-31"},
		{from: "2019-02", to: "2019-02", wantFrom: "2019-02-01", wantTo: "2019-02-28"},
		{from: "2020-02", wantFrom: "2020-02-01"},
		{to: "2020-02", wantTo: "2020-02-29"},
		{from: " 2019-10 ", wantFrom: "2019-10-01"},
		{from: "2019-1", param: "from"},
		{from: "19", param: "from"},
		{to: "2019-13", param: "to"},
		{from: "1600", param: "from"},
		{from: "2019-10-02", to: "2019-10-01", param: "to"},
		{from: "2019-10", to: "2019-10-01", wantFrom: "2019-10-01", wantTo: "2019-10-01"},
	} {
		from, to, err := Request{From: tc.from, To: tc.to}.DateRange()
		var pe *ParamError
		if tc.param != "" {
			if !errors.As(err, &pe) || pe.Param != tc.param || !errors.Is(err, ErrBadRequest) {
				t.Errorf("%q–%q: err %v, want one naming %s", tc.from, tc.to, err, tc.param)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q–%q: %v", tc.from, tc.to, err)
			continue
		}
		wf, wt := time.Time{}, time.Time{}
		if tc.wantFrom != "" {
			wf = day(tc.wantFrom)
		}
		if tc.wantTo != "" {
			wt = day(tc.wantTo)
		}
		if !from.Equal(wf) || !to.Equal(wt) {
			t.Errorf("%q–%q: %v–%v, want %v–%v", tc.from, tc.to, from, to, wf, wt)
		}
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		r     Request
		param string
	}{
		{Request{}, ""},
		{Request{Sort: "-date", Size: 100, Page: 101}, ""},
		{Request{Sort: "newest"}, "sort"},
		{Request{Size: 101}, "size"},
		{Request{Page: -1}, "page"},
		{Request{Size: 10, Page: 1002}, "page"},
	} {
		err := tc.r.Validate()
		var pe *ParamError
		if (tc.param == "") != (err == nil) || (err != nil && (!errors.As(err, &pe) || pe.Param != tc.param)) {
			t.Errorf("%+v: %v, want param %q", tc.r, err, tc.param)
		}
	}
}
