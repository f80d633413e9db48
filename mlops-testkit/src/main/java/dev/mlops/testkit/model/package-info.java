/**
 * AssertJ assertions for trained models: {@link dev.mlops.testkit.model.ModelAssertions#assertThatModel}
 * checks a metric against a bound or against the champion, outputs against the signature and numeric
 * ranges, and invariance and directional expectations over a dataset.
 */
package dev.mlops.testkit.model;
