package io.entrasync.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.entrasync.emulator.EmulatorSettings;
import io.entrasync.emulator.ProvisioningEmulator;

/**
 * One provisioning emulator per test class, emptied and set back to {@code baseline} before every test, so a test that
 * injects faults or delays cannot leak them into the next. Register it as a static field with
 * {@code @RegisterExtension}; its callbacks run before the class's own {@code @BeforeEach}.
 */
public final class EmulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private final EmulatorSettings baseline;
    private ProvisioningEmulator emulator;

    public EmulatorExtension(EmulatorSettings baseline) {
        this.baseline = baseline;
    }

    public ProvisioningEmulator emulator() {
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = ProvisioningEmulator.start(baseline);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator.reset();
        emulator.updateSettings(settings -> baseline);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        emulator.close();
    }
}
