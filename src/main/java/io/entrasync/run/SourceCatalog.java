package io.entrasync.run;

import java.util.Optional;
import java.util.Set;

/** The configured sources, by name. */
public interface SourceCatalog {

    Optional<SourceDefinition> find(String name);

    Set<String> names();
}
