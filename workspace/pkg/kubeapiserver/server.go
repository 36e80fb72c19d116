package kubeapiserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"time"

	v1 "k8s.io/api/core/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	apiextensionsapiserver "k8s.io/apiextensions-apiserver/pkg/apiserver"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/component-base/version"
	apiregistrationv1 "k8s.io/kube-aggregator/pkg/apis/apiregistration/v1"
	aggregatorapiserver "k8s.io/kube-aggregator/pkg/apiserver"

	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"k8s.io/kubernetes/pkg/apis/core"
	_ "k8s.io/kubernetes/pkg/apis/core/install"
	k8s_api_v1 "k8s.io/kubernetes/pkg/apis/core/v1"
	"k8s.io/kubernetes/pkg/registry/core/node"
	"k8s.io/kubernetes/pkg/registry/core/pod"
)

// Server is a configured API server.
type Server struct {
	Pods       *pod.REST
	Nodes      *node.REST
	CRDs       *apiextensionsapiserver.CustomResourceDefinitions
	Aggregator *aggregatorapiserver.APIAggregator
	Handler    http.Handler
}

// NewServer wires the storage and handlers of an API server.
func NewServer(o *ServerRunOptions) (*Server, error) {
	s := &Server{
		Pods:  pod.NewREST(legacyscheme.Scheme),
		Nodes: node.NewREST(legacyscheme.Scheme),
		CRDs:  apiextensionsapiserver.New(),
	}
	local := http.NewServeMux()
	local.Handle("/api/", http.HandlerFunc(s.serveCore))
	local.Handle("/apis/", s.CRDs)
	s.Aggregator = aggregatorapiserver.New(local, nil)
	if err := s.Aggregator.AddAPIService(localAPIService("", "v1", 18000, 1)); err != nil {
		return nil, err
	}
	if err := s.Aggregator.AddAPIService(localAPIService(apiextensionsv1.GroupName, "v1", 16700, 15)); err != nil {
		return nil, err
	}

	mux := http.NewServeMux()
	for _, p := range []string{"/healthz", "/livez", "/readyz"} {
		mux.HandleFunc(p, func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok") })
	}
	mux.HandleFunc("/version", func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, http.StatusOK, version.Get()) })
	mux.Handle("/api/", s.Aggregator)
	mux.Handle("/apis", s.Aggregator)
	mux.Handle("/apis/", s.Aggregator)
	s.Handler = mux
	return s, nil
}

func localAPIService(group, ver string, groupPriority, versionPriority int32) *apiregistrationv1.APIService {
	gv := schema.GroupVersion{Group: group, Version: ver}
	return &apiregistrationv1.APIService{
		ObjectMeta: metav1.ObjectMeta{Name: apiregistrationv1.APIServiceName(gv)},
		Spec: apiregistrationv1.APIServiceSpec{
			Group: group, Version: ver, GroupPriorityMinimum: groupPriority, VersionPriority: versionPriority,
		},
	}
}

// EstablishCRD registers a CustomResourceDefinition and makes its served
// versions discoverable through the aggregator.
func (s *Server) EstablishCRD(crd *apiextensionsv1.CustomResourceDefinition) error {
	if err := s.CRDs.Establish(crd); err != nil {
		return err
	}
	for _, v := range crd.Spec.Versions {
		if v.Served {
			if err := s.Aggregator.AddAPIService(localAPIService(crd.Spec.Group, v.Name, 1000, 100)); err != nil {
				return err
			}
		}
	}
	return nil
}

// Routes describes what the server serves, one line per group.
func (s *Server) Routes() []string {
	var out []string
	for _, g := range s.Aggregator.Groups() {
		name := g.Name
		if name == "" {
			name = "core"
		}
		out = append(out, fmt.Sprintf("%s/%s", name, strings.Join(g.Versions, ",")))
	}
	sort.Strings(out)
	return out
}

// serveCore implements /api/v1/[namespaces/<ns>/]<pods|nodes>[/<name>[/<subresource>]].
func (s *Server) serveCore(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(parts) < 3 || parts[1] != "v1" {
		writeError(w, apierrors.NewNotFound(schema.GroupResource{}, r.URL.Path))
		return
	}
	rest, namespace := parts[2:], ""
	if len(rest) >= 3 && rest[0] == "namespaces" {
		namespace, rest = rest[1], rest[2:]
	}
	resource, name, sub := rest[0], "", ""
	if len(rest) > 1 {
		name = rest[1]
	}
	if len(rest) > 2 {
		sub = rest[2]
	}
	ctx := r.Context()
	var obj interface{}
	var err error
	status := http.StatusOK
	switch resource {
	case "pods":
		obj, status, err = s.servePods(ctx, r, namespace, name, sub)
	case "nodes":
		obj, status, err = s.serveNodes(ctx, r, name, sub)
	default:
		err = apierrors.NewNotFound(core.Resource(resource), name)
	}
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, status, obj)
}

func (s *Server) servePods(ctx context.Context, r *http.Request, namespace, name, sub string) (interface{}, int, error) {
	switch {
	case r.Method == http.MethodGet && name == "":
		selector, err := labels.Parse(r.URL.Query().Get("labelSelector"))
		if err != nil {
			return nil, 0, err
		}
		objs, rv, err := s.Pods.List(ctx, namespace, selector)
		if err != nil {
			return nil, 0, err
		}
		list := &v1.PodList{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "PodList"}, ListMeta: metav1.ListMeta{ResourceVersion: rv}, Items: []v1.Pod{}}
		for _, o := range objs {
			var out v1.Pod
			if err := k8s_api_v1.Convert_core_Pod_To_v1_Pod(o.(*core.Pod), &out); err != nil {
				return nil, 0, err
			}
			list.Items = append(list.Items, out)
		}
		return list, http.StatusOK, nil
	case r.Method == http.MethodGet:
		o, err := s.Pods.Get(ctx, namespace, name)
		return podOut(o, err, http.StatusOK)
	case r.Method == http.MethodPost && sub == "binding":
		var binding struct {
			Target struct {
				Name string `json:"name"`
			} `json:"target"`
		}
		if err := json.NewDecoder(r.Body).Decode(&binding); err != nil {
			return nil, 0, err
		}
		if err := s.Pods.Bind(ctx, namespace, name, binding.Target.Name); err != nil {
			return nil, 0, err
		}
		return &metav1.Status{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Status"}, Status: "Success", Code: http.StatusCreated}, http.StatusCreated, nil
	case r.Method == http.MethodPost || r.Method == http.MethodPut:
		in, err := decodePod(r.Body)
		if err != nil {
			return nil, 0, err
		}
		if in.Namespace == "" {
			in.Namespace = namespace
		}
		if in.Namespace != namespace {
			return nil, 0, fmt.Errorf("the namespace of the provided object does not match the namespace sent on the request")
		}
		switch {
		case r.Method == http.MethodPost:
			o, err := s.Pods.Create(ctx, in)
			return podOut(o, err, http.StatusCreated)
		case sub == "status":
			o, err := s.Pods.UpdateStatus(ctx, in)
			return podOut(o, err, http.StatusOK)
		default:
			o, err := s.Pods.Update(ctx, in)
			return podOut(o, err, http.StatusOK)
		}
	case r.Method == http.MethodDelete:
		o, err := s.Pods.Delete(ctx, namespace, name)
		return podOut(o, err, http.StatusOK)
	}
	return nil, 0, fmt.Errorf("method %s not supported", r.Method)
}

func decodePod(body io.Reader) (*core.Pod, error) {
	var in v1.Pod
	if err := json.NewDecoder(body).Decode(&in); err != nil {
		return nil, err
	}
	legacyscheme.Scheme.Default(&in)
	out := &core.Pod{}
	return out, k8s_api_v1.Convert_v1_Pod_To_core_Pod(&in, out)
}

func podOut(o runtime.Object, err error, status int) (interface{}, int, error) {
	if err != nil {
		return nil, 0, err
	}
	p, ok := o.(*core.Pod)
	if !ok {
		return nil, 0, fmt.Errorf("unexpected object %T", o)
	}
	var out v1.Pod
	return &out, status, k8s_api_v1.Convert_core_Pod_To_v1_Pod(p, &out)
}

func (s *Server) serveNodes(ctx context.Context, r *http.Request, name, sub string) (interface{}, int, error) {
	toV1 := func(o runtime.Object, err error, status int) (interface{}, int, error) {
		if err != nil {
			return nil, 0, err
		}
		var out v1.Node
		return &out, status, k8s_api_v1.Convert_core_Node_To_v1_Node(o.(*core.Node), &out)
	}
	switch {
	case r.Method == http.MethodGet && name == "":
		objs, rv, err := s.Nodes.List(ctx, "", labels.Everything())
		if err != nil {
			return nil, 0, err
		}
		list := &v1.NodeList{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "NodeList"}, ListMeta: metav1.ListMeta{ResourceVersion: rv}, Items: []v1.Node{}}
		for _, o := range objs {
			var out v1.Node
			if err := k8s_api_v1.Convert_core_Node_To_v1_Node(o.(*core.Node), &out); err != nil {
				return nil, 0, err
			}
			list.Items = append(list.Items, out)
		}
		return list, http.StatusOK, nil
	case r.Method == http.MethodGet:
		o, err := s.Nodes.Get(ctx, "", name)
		return toV1(o, err, http.StatusOK)
	case r.Method == http.MethodPost || r.Method == http.MethodPut:
		var in v1.Node
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			return nil, 0, err
		}
		n := &core.Node{}
		if err := k8s_api_v1.Convert_v1_Node_To_core_Node(&in, n); err != nil {
			return nil, 0, err
		}
		switch {
		case r.Method == http.MethodPost:
			o, err := s.Nodes.Create(ctx, n)
			return toV1(o, err, http.StatusCreated)
		case sub == "status":
			o, err := s.Nodes.UpdateStatus(ctx, n)
			return toV1(o, err, http.StatusOK)
		default:
			o, err := s.Nodes.Update(ctx, n)
			return toV1(o, err, http.StatusOK)
		}
	case r.Method == http.MethodDelete:
		o, err := s.Nodes.Delete(ctx, "", name)
		return toV1(o, err, http.StatusOK)
	}
	return nil, 0, fmt.Errorf("method %s not supported", r.Method)
}

func writeJSON(w http.ResponseWriter, code int, obj interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(obj)
}

func writeError(w http.ResponseWriter, err error) {
	var status apierrors.APIStatus
	if errors.As(err, &status) {
		st := status.Status()
		writeJSON(w, int(st.Code), st)
		return
	}
	writeJSON(w, http.StatusBadRequest, metav1.Status{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Status"},
		Status:   "Failure", Message: err.Error(), Code: http.StatusBadRequest,
	})
}

// shutdownTimeout bounds graceful shutdown.
const shutdownTimeout = 10 * time.Second
