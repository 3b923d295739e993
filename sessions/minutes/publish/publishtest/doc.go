// Package publishtest has fakes of the APIs nagame publishes to, speaking
// the shapes of their recorded answers (Datadog's v1 Notebooks API, GitHub's
// REST issues API), and a recorded session to publish, for the tests of
// publish and of the nagame command.
package publishtest
