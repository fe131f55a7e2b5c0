package io.entrasync.support;

import java.util.UUID;
import java.util.logging.Logger;

import com.microsoft.azure.functions.ExecutionContext;

/** What the Functions host passes to a function, for calling function classes in tests. */
public final class TestExecutionContext implements ExecutionContext {

    private final String functionName;
    private final String invocationId = UUID.randomUUID().toString();

    public TestExecutionContext(String functionName) {
        this.functionName = functionName;
    }

    @Override
    public Logger getLogger() {
        return Logger.getLogger(functionName);
    }

    @Override
    public String getInvocationId() {
        return invocationId;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }
}
