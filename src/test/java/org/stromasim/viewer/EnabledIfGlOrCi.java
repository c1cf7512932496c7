package org.stromasim.viewer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.stromasim.viewer.gl.GlContext;
import org.stromasim.viewer.gl.GlUnavailableException;

/**
 * Runs a test when a headless OpenGL 3.3 context can be created (Mesa EGL here). Without one the test is
 * skipped on a developer machine, but under CI=true it runs and fails: CI installs Mesa, so a missing
 * context there is a broken pipeline, not a reason to skip the rendering tests.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledIfGlOrCi.Condition.class)
@interface EnabledIfGlOrCi {

    final class Condition implements ExecutionCondition {

        private static String unavailable;
        private static boolean probed;

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                return ConditionEvaluationResult.enabled("CI=true: runs so that a missing OpenGL context fails the build");
            }
            String reason = probe();
            return reason == null ? ConditionEvaluationResult.enabled("headless OpenGL context available")
                    : ConditionEvaluationResult.disabled(reason);
        }

        private static synchronized String probe() {
            if (!probed) {
                probed = true;
                try (GlContext ignored = GlContext.headless()) {
                    unavailable = null;
                } catch (GlUnavailableException | UnsatisfiedLinkError | ExceptionInInitializerError missing) {
                    unavailable = "no headless OpenGL context: " + missing.getMessage();
                }
            }
            return unavailable;
        }
    }
}
