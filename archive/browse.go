package archive

import "github.com/baosou/baosou/search"

// Browser walks the serving index as printed: papers, calendars, issues.
func (a *Archive) Browser() search.Browser { return a.live }

// Suggester completes what a user types from the serving index's words.
// It starts building them in the background, so that the first keystrokes
// already find them.
func (a *Archive) Suggester() search.Suggester {
	a.live.WarmSuggestions()
	return a.live
}

// Relater finds articles related to one in the serving index.
func (a *Archive) Relater() search.Relater { return a.live }
