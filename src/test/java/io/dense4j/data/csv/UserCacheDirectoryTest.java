package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The user's cache folder follows the XDG convention: $XDG_CACHE_HOME, else $HOME/.cache, and Java's user.home only without $HOME. */
class UserCacheDirectoryTest {
    /** Prints the folder: a child JVM's environment is the one variable a test can set. */
    public static void main(String[] args) {
        System.out.print(CsvSource.Options.userCacheDirectory());
    }

    private static String inChild(Map<String, String> environment) throws Exception {
        ProcessBuilder child = new ProcessBuilder(io.dense4j.io.ChildJvm.command(List.of("-Duser.home=/from-the-user-database"),
                UserCacheDirectoryTest.class)).redirectErrorStream(true);
        child.environment().remove("XDG_CACHE_HOME");
        child.environment().remove("HOME");
        child.environment().putAll(environment);
        Process process = child.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        return out;
    }

    @Test
    void xdgThenHomeThenTheUserDatabase() throws Exception {
        String sep = File.separator;
        assertEquals(sep + "xdg" + sep + "dense4j", inChild(Map.of("XDG_CACHE_HOME", "/xdg", "HOME", "/home/me")));
        assertEquals(sep + "home" + sep + "me" + sep + ".cache" + sep + "dense4j", inChild(Map.of("HOME", "/home/me")));
        assertEquals(sep + "home" + sep + "me" + sep + ".cache" + sep + "dense4j",
                inChild(Map.of("XDG_CACHE_HOME", "relative", "HOME", "/home/me"))); // a relative one is ignored, as XDG says
        assertEquals(sep + "from-the-user-database" + sep + ".cache" + sep + "dense4j", inChild(Map.of()));
    }
}
