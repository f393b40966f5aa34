/**
 * A real browser for tests: {@link io.taskbeam.testlab.browser.DevToolsPage} starts headless
 * Chromium on a page and reads its live DOM through the DevTools protocol, so a test can watch the
 * dashboard change while a run goes on (the sdk's DirectRunner test and the pipelines' cluster test
 * share it). JDK only, no sdk classes: the sdk depends on this module in test scope.
 */
package io.taskbeam.testlab.browser;
