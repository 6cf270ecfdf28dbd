package data

import (
	"context"
	"errors"
)

// ImportResults is not written yet.
func (s *Store) ImportResults(ctx context.Context, path string, opt ResultOptions, progress ProgressFunc) (Report, error) {
	return Report{}, errors.New("not implemented yet")
}
