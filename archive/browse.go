package archive

import "github.com/baosou/baosou/search"

// Browser walks the serving index as printed: papers, calendars, issues.
func (a *Archive) Browser() search.Browser { return a.live }

// Suggester completes what a user types from the serving index's words.
// It has them built in the background once the first search is answered
// (see deferStartWork), so that the first keystrokes already find them
// and the first search does not wait for them; a suggestion asked for
// before that builds them itself.
func (a *Archive) Suggester() search.Suggester {
	a.wantSuggest.Store(true)
	if a.woken() {
		a.live.WarmSuggestions()
	}
	return a.live
}

// Relater finds articles related to one in the serving index.
func (a *Archive) Relater() search.Relater { return a.live }
