/**
 * Test support shared by modules that need hosts of their own: {@link io.taskbeam.testlab.NetnsLab}
 * makes network namespaces with their own address and /etc/hosts (the Kubernetes rehearsal's pods,
 * the SLURM test's nodes); {@link io.taskbeam.testlab.TeeOutputStream} lets a test read what a run
 * printed; the {@code browser} package drives headless Chromium. Used only by tests (test scope);
 * its own module, in main sources, so a module's tests can use it without another module's test jar
 * (which `compile` does not build, and so broke `mvn compile exec:java` from the root).
 */
package io.taskbeam.testlab;
