package org.stromasim.io;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test when python3 can import h5py, and always under CI=true (where .ci/run installs python3-h5py, so
 * a missing h5py fails the test instead of skipping it).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledIfH5pyAvailable.Condition.class)
@interface EnabledIfH5pyAvailable {

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (ExternalTools.h5pyAvailable()) {
                return ConditionEvaluationResult.enabled("python3 with h5py found");
            }
            return ExternalTools.runningInCi()
                    ? ConditionEvaluationResult.enabled("CI=true: run (and fail) although python3 cannot import h5py")
                    : ConditionEvaluationResult.disabled("python3 with h5py not available (optional outside CI)");
        }
    }
}
