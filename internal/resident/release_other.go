//go:build !linux

package resident

import "errors"

func release([]string) (int, error) { return 0, errors.ErrUnsupported }
