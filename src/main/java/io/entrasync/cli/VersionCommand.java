package io.entrasync.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

@Command(name = "version", description = "Prints the version.")
public class VersionCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("entra-inbound-sync 0.1.0");
        return 0;
    }
}
