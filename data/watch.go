package data

import (
	"context"
	"time"
)

// Watch reports on the channel it returns each time a change was committed to the campaign file,
// by this program or another, checking every interval: it holds one connection of its own and
// reads SQLite's data_version, which moves whenever another connection commits. The channel holds
// one pending report, so a slow reader misses none but is not told twice; it is closed when ctx
// is done.
func (s *Store) Watch(ctx context.Context, every time.Duration) (<-chan struct{}, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	version := func() (v int64, err error) {
		err = conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
		return v, err
	}
	last, err := version()
	if err != nil {
		conn.Close()
		return nil, err
	}
	out := make(chan struct{}, 1)
	go func() {
		defer close(out)
		defer conn.Close()
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			v, err := version()
			if err != nil || v == last {
				continue // a read that fails (the file busy, ctx ending) is tried again at the next tick
			}
			last = v
			select {
			case out <- struct{}{}:
			default:
			}
		}
	}()
	return out, nil
}
