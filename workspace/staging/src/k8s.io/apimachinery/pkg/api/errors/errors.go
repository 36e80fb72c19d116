// Package errors provides detailed error types for API failures, built on
// metav1.Status so they survive a round trip through the wire format.
package errors

import (
	"errors"
	"fmt"
	"net/http"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// StatusError is an error intended for consumption by a REST API server;
// it can also be reconstructed by clients from a REST response.
type StatusError struct {
	ErrStatus metav1.Status
}

// APIStatus is exposed by errors that can be converted to a metav1.Status.
type APIStatus interface {
	Status() metav1.Status
}

func (e *StatusError) Error() string { return e.ErrStatus.Message }

// Status returns the status carried by the error.
func (e *StatusError) Status() metav1.Status { return e.ErrStatus }

// FromStatus wraps a failed metav1.Status as an error.
func FromStatus(s metav1.Status) *StatusError {
	return &StatusError{ErrStatus: s}
}

func newStatus(code int32, reason metav1.StatusReason, msg string) *StatusError {
	return &StatusError{metav1.Status{
		TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"},
		Status:   "Failure",
		Code:     code,
		Reason:   reason,
		Message:  msg,
	}}
}

// NewNotFound returns a new error which indicates that the resource of the
// kind and the name was not found.
func NewNotFound(qualifiedResource schema.GroupResource, name string) *StatusError {
	return newStatus(http.StatusNotFound, metav1.StatusReasonNotFound,
		fmt.Sprintf("%s %q not found", qualifiedResource.String(), name))
}

// NewAlreadyExists returns an error indicating the item requested exists by that identifier.
func NewAlreadyExists(qualifiedResource schema.GroupResource, name string) *StatusError {
	return newStatus(http.StatusConflict, metav1.StatusReasonAlreadyExists,
		fmt.Sprintf("%s %q already exists", qualifiedResource.String(), name))
}

// NewConflict returns an error indicating the item can't be updated as provided.
func NewConflict(qualifiedResource schema.GroupResource, name string, err error) *StatusError {
	return newStatus(http.StatusConflict, metav1.StatusReasonConflict,
		fmt.Sprintf("Operation cannot be fulfilled on %s %q: %v", qualifiedResource.String(), name, err))
}

// NewInvalid returns an error indicating the item is invalid and cannot be processed.
func NewInvalid(kind, name string, causes []string) *StatusError {
	msg := fmt.Sprintf("%s %q is invalid", kind, name)
	for i, c := range causes {
		if i == 0 {
			msg += ": "
		} else {
			msg += ", "
		}
		msg += c
	}
	return newStatus(http.StatusUnprocessableEntity, metav1.StatusReasonInvalid, msg)
}

// ReasonForError returns the reason carried by err, if any.
func ReasonForError(err error) metav1.StatusReason {
	var status APIStatus
	if errors.As(err, &status) {
		return status.Status().Reason
	}
	return ""
}

// IsNotFound returns true if the specified error was created by NewNotFound.
func IsNotFound(err error) bool { return ReasonForError(err) == metav1.StatusReasonNotFound }

// IsAlreadyExists determines if the err is an error which indicates that a specified resource already exists.
func IsAlreadyExists(err error) bool {
	return ReasonForError(err) == metav1.StatusReasonAlreadyExists
}

// IsConflict determines if the err is an error which indicates the provided update conflicts.
func IsConflict(err error) bool { return ReasonForError(err) == metav1.StatusReasonConflict }

// IsInvalid determines if the err is an error which indicates the provided resource is not valid.
func IsInvalid(err error) bool { return ReasonForError(err) == metav1.StatusReasonInvalid }
