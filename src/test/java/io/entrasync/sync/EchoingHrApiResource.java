package io.entrasync.sync;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link ApiSourceResource} with the passwords of issue 29 and a base URL carrying user-info: source {@code sf}
 * ({@code Winter2026+Sales}, base URL {@code http://hruser:Url-Pass-7@127.0.0.1:<port>/odata/v2}), and two more
 * sources on the same stub, {@code php} ({@code hr/Secret99}) and {@code py} ({@code Kö"nig-42}).
 */
public class EchoingHrApiResource extends ApiSourceResource {

    static final String DOTNET_PASSWORD = "Winter2026+Sales";
    static final String PHP_PASSWORD = "hr/Secret99";
    static final String PYTHON_PASSWORD = "K\u00f6\"nig-42";
    static final String URL_PASSWORD = "Url-Pass-7";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("sync.sources.sf.api.auth.password", DOTNET_PASSWORD);
        config.put("sync.sources.sf.api.base-url", api.url().replace("http://", "http://hruser:" + URL_PASSWORD + "@")
                + "/odata/v2");
        config.put("sync.sources.sf.api.http.max-attempts", "1");
        Map<String, String> sf = new HashMap<>();
        config.forEach((key, value) -> {
            if (key.startsWith("sync.sources.sf.")) {
                sf.put(key.substring("sync.sources.sf.".length()), value);
            }
        });
        for (String source : new String[] {"php", "py"}) {
            sf.forEach((key, value) -> config.put("sync.sources." + source + "." + key, value));
            config.put("sync.sources." + source + ".api.base-url", api.url() + "/odata/v2");
        }
        config.put("sync.sources.php.api.auth.password", PHP_PASSWORD);
        config.put("sync.sources.py.api.auth.password", PYTHON_PASSWORD);
        return config;
    }
}
