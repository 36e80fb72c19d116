module k8s.io/apiextensions-apiserver

go 1.19

require (
	k8s.io/apimachinery v0.0.0
	k8s.io/component-base v0.0.0
)

replace (
	k8s.io/apimachinery => ../apimachinery
	k8s.io/component-base => ../component-base
)
