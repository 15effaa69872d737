// Evaluates pod specs against the Kubernetes Pod Security Standards with the admission controller's own
// policy library (k8s.io/pod-security-admission), so the tests check what a cluster would enforce.
//
// Input (stdin): a JSON list of {"name", "level", "metadata", "spec"}; output (stdout): a JSON list of
// {"name", "level", "allowed", "forbidden"} with the reasons the level forbids the pod.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
)

type request struct {
	Name     string            `json:"name"`
	Level    string            `json:"level"`
	Metadata metav1.ObjectMeta `json:"metadata"`
	Spec     corev1.PodSpec    `json:"spec"`
}

type verdict struct {
	Name      string   `json:"name"`
	Level     string   `json:"level"`
	Allowed   bool     `json:"allowed"`
	Forbidden []string `json:"forbidden"`
}

func main() {
	var requests []request
	decoder := json.NewDecoder(os.Stdin)
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(&requests); err != nil {
		fail(fmt.Errorf("reading the pods: %w", err))
	}
	evaluator, err := policy.NewEvaluator(policy.DefaultChecks())
	if err != nil {
		fail(err)
	}
	verdicts := []verdict{}
	for _, r := range requests {
		level, err := api.ParseLevel(r.Level)
		if err != nil {
			fail(err)
		}
		results := evaluator.EvaluatePod(api.LevelVersion{Level: level, Version: api.LatestVersion()}, &r.Metadata, &r.Spec)
		v := verdict{Name: r.Name, Level: r.Level, Allowed: true, Forbidden: []string{}}
		for _, result := range results {
			if !result.Allowed {
				v.Allowed = false
				v.Forbidden = append(v.Forbidden, fmt.Sprintf("%s (%s)", result.ForbiddenReason, result.ForbiddenDetail))
			}
		}
		verdicts = append(verdicts, v)
	}
	if err := json.NewEncoder(os.Stdout).Encode(verdicts); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
