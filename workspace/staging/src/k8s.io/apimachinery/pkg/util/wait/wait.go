// Package wait provides tools for polling or listening for changes to a condition.
package wait

import (
	"errors"
	"math/rand"
	"time"
)

// ErrWaitTimeout is returned when the condition was not satisfied in time.
var ErrWaitTimeout = errors.New("timed out waiting for the condition")

// ConditionFunc returns true if the condition is satisfied, or an error
// if the loop should be aborted.
type ConditionFunc func() (done bool, err error)

// NeverStop is a channel that is never closed.
var NeverStop <-chan struct{} = make(chan struct{})

// Forever calls f every period for ever.
func Forever(f func(), period time.Duration) {
	Until(f, period, NeverStop)
}

// Until loops until stopCh is closed, running f every period.
func Until(f func(), period time.Duration, stopCh <-chan struct{}) {
	JitterUntil(f, period, 0.0, stopCh)
}

// JitterUntil loops until stopCh is closed, running f every period with
// up to jitterFactor*period of random delay added.
func JitterUntil(f func(), period time.Duration, jitterFactor float64, stopCh <-chan struct{}) {
	for {
		select {
		case <-stopCh:
			return
		default:
		}
		f()
		t := time.NewTimer(Jitter(period, jitterFactor))
		select {
		case <-stopCh:
			t.Stop()
			return
		case <-t.C:
		}
	}
}

// Jitter returns a duration between duration and duration + maxFactor*duration.
func Jitter(duration time.Duration, maxFactor float64) time.Duration {
	if maxFactor <= 0.0 {
		return duration
	}
	return duration + time.Duration(rand.Float64()*maxFactor*float64(duration))
}

// PollImmediate checks condition immediately and then every interval
// until it returns true, returns an error, or timeout elapses.
func PollImmediate(interval, timeout time.Duration, condition ConditionFunc) error {
	deadline := time.Now().Add(timeout)
	for {
		done, err := condition()
		if err != nil {
			return err
		}
		if done {
			return nil
		}
		if time.Now().Add(interval).After(deadline) {
			return ErrWaitTimeout
		}
		time.Sleep(interval)
	}
}

// Backoff holds parameters applied to an exponential backoff.
type Backoff struct {
	// Duration is the initial duration.
	Duration time.Duration
	// Factor multiplies Duration after each step.
	Factor float64
	// Jitter adds a random fraction of the duration to each step.
	Jitter float64
	// Steps is the number of remaining steps.
	Steps int
	// Cap limits the duration.
	Cap time.Duration
}

// Step returns the next interval and advances the backoff.
func (b *Backoff) Step() time.Duration {
	if b.Steps < 1 {
		return Jitter(b.Duration, b.Jitter)
	}
	b.Steps--
	duration := b.Duration
	if b.Factor != 0 {
		b.Duration = time.Duration(float64(b.Duration) * b.Factor)
		if b.Cap > 0 && b.Duration > b.Cap {
			b.Duration = b.Cap
			b.Steps = 0
		}
	}
	return Jitter(duration, b.Jitter)
}

// ExponentialBackoff retries condition with the intervals of backoff
// until it succeeds, errors, or the steps run out.
func ExponentialBackoff(backoff Backoff, condition ConditionFunc) error {
	for backoff.Steps > 0 {
		if ok, err := condition(); err != nil || ok {
			return err
		}
		if backoff.Steps == 1 {
			break
		}
		time.Sleep(backoff.Step())
	}
	return ErrWaitTimeout
}
