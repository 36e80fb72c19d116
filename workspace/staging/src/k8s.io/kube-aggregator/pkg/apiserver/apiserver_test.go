package apiserver

import (
	"net/http"
	"net/http/httptest"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	apiregistrationv1 "k8s.io/kube-aggregator/pkg/apis/apiregistration/v1"
)

func localService(group, version string, groupPrio, versionPrio int32) *apiregistrationv1.APIService {
	name := version + "." + group
	return &apiregistrationv1.APIService{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: apiregistrationv1.APIServiceSpec{
			Group: group, Version: version,
			GroupPriorityMinimum: groupPrio, VersionPriority: versionPrio,
		},
	}
}

func TestAggregatorRouting(t *testing.T) {
	local := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) })
	a := New(local, nil)
	for _, s := range []*apiregistrationv1.APIService{
		localService("", "v1", 18000, 1),
		localService("apps", "v1", 17800, 15),
		localService("apps", "v1beta1", 17800, 9),
	} {
		if err := a.AddAPIService(s); err != nil {
			t.Fatal(err)
		}
	}
	groups := a.Groups()
	if len(groups) != 2 || groups[0].Name != "" || groups[1].PreferredVersion != "v1" {
		t.Fatalf("unexpected groups %+v", groups)
	}

	rec := httptest.NewRecorder()
	a.ServeHTTP(rec, httptest.NewRequest("GET", "/apis/apps/v1/deployments", nil))
	if rec.Code != http.StatusTeapot {
		t.Errorf("expected local handler, got %d", rec.Code)
	}
	rec = httptest.NewRecorder()
	a.ServeHTTP(rec, httptest.NewRequest("GET", "/apis/batch/v1/jobs", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("expected 404, got %d", rec.Code)
	}
	if err := a.AddAPIService(localService("bad_group", "v1", 1, 1)); err == nil {
		t.Error("expected validation error")
	}
}
