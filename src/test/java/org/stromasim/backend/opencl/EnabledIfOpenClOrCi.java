package org.stromasim.backend.opencl;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only where an OpenCL device is usable. Under CI (environment CI=true) the test is
 * never skipped: CI installs PoCL, so a missing device is a broken CI machine and the tests run and
 * fail with the reason instead of passing silently as skipped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledIfOpenClOrCi.Condition.class)
@interface EnabledIfOpenClOrCi {

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String reason = OpenClTestDevice.unavailableReason();
            if (reason == null) {
                return ConditionEvaluationResult.enabled("an OpenCL device is usable");
            }
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                return ConditionEvaluationResult.enabled("CI=true: run (and fail) although " + reason);
            }
            return ConditionEvaluationResult.disabled("OpenCL tests skipped: " + reason);
        }
    }
}
