package dev.mlops.monitoring.experiment;

import java.time.Instant;

/**
 * What the challenger said in shadow mode, next to what the champion answered: handed to the
 * router's shadow listener on the shadow executor, never returned to the caller.
 *
 * <p>An immutable value (as immutable as the input and outputs it carries).
 *
 * @param experiment the experiment's name
 * @param key the request's key
 * @param input the input both models saw
 * @param championOutput what the caller received
 * @param challengerOutput what the challenger produced
 * @param challengerModel the challenger's registered model name
 * @param challengerVersion the challenger's version
 * @param time when the request was routed
 * @param <I> the input type
 * @param <O> the output type
 */
public record ShadowResult<I, O>(String experiment, String key, I input, O championOutput, O challengerOutput,
                                 String challengerModel, int challengerVersion, Instant time) {}
