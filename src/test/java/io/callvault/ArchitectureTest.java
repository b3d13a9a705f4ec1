package io.callvault;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md's package table is what a newcomer reads first, so it is kept true: each package's imports
 * of other packages, read from the compiled classes, are the ones its row names; no package depends on itself
 * through others; and a table its row owns is named in SQL nowhere else.
 */
class ArchitectureTest {

    private static final String ROOT = "io.callvault";
    /** Under these, each subpackage is a package of its own in the table (a dialect, a live protocol). */
    private static final Set<String> GROUPS = Set.of("dialect", "live");
    private static final Pattern ROW = Pattern.compile("^\\| (`[a-z0-9.]+`(?:, `[a-z0-9.]+`)*) \\|(.*)\\| ([^|]*) \\|$");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void eachPackageImportsWhatDocsArchitectureSaysAndNothingElse() throws IOException {
        Map<Set<String>, Set<String>> documented = documentedImports();
        Map<String, Set<String>> actual = actualImports();

        Set<String> undocumented = new TreeSet<>(actual.keySet());
        documented.keySet().forEach(undocumented::removeAll);
        undocumented.remove("");
        assertThat(undocumented).as("packages with no row in docs/architecture.md").isEmpty();

        Map<String, String> wrong = new TreeMap<>();
        documented.forEach((row, said) -> {
            Set<String> imported = row.stream().flatMap(p -> actual.getOrDefault(p, Set.of()).stream())
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!imported.equals(said)) {
                wrong.put(String.join(", ", row), "documented " + said + ", imported " + imported);
            }
        });
        assertThat(wrong).as("rows of docs/architecture.md whose imports are not the code's").isEmpty();
    }

    @Test
    void eachTableIsReadAndWrittenOnlyByThePackageThatOwnsIt() throws IOException {
        Map<String, String> owners = new TreeMap<>();
        for (Row row : rows()) {
            Matcher table = Pattern.compile("`([a-z_]+)`").matcher(row.owns());
            while (table.find()) {
                owners.put(table.group(1), row.packages().get(0));
            }
        }
        assertThat(owners).as("tables owned in docs/architecture.md").containsKeys("calls", "recordings", "access_log", "users");

        List<String> strays = new ArrayList<>();
        Path sources = Path.of("src/main/java", ROOT.split("\\."));
        try (var files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = packageOf(sources.relativize(file.getParent()).toString().replace('/', '.'));
                String text = Files.readString(file);
                owners.forEach((table, owner) -> {
                    Matcher use = Pattern.compile("(?i)\\b(from|into|update|join)\\s+" + table + "\\b").matcher(text);
                    if (!pkg.equals(owner) && use.find()) {
                        strays.add(file.getFileName() + " (" + pkg + "): '" + use.group() + "', owned by " + owner);
                    }
                });
            }
        }
        assertThat(strays).as("SQL on a table outside the package that owns it").isEmpty();
    }

    /** Each row's packages, and the packages its last column names (words in brackets included). */
    private static Map<Set<String>, Set<String>> documentedImports() throws IOException {
        Set<String> packages = actualImports().keySet();
        Map<Set<String>, Set<String>> documented = new HashMap<>();
        for (Row row : rows()) {
            documented.put(Set.copyOf(row.packages()), Arrays.stream(row.imports().split("[^a-z0-9.]+"))
                    .map(word -> word.replaceAll("\\.$", "")).filter(word -> !word.isEmpty() && packages.contains(word))
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        return documented;
    }

    /** A row of the package table: its packages, what they own, what they import. */
    private record Row(List<String> packages, String owns, String imports) {
    }

    private static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("docs/architecture.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                List<String> packages = Arrays.stream(row.group(1).split(", ")).map(name -> name.replace("`", "")).toList();
                String[] middle = row.group(2).split("\\|");
                rows.add(new Row(packages, middle[middle.length - 1], row.group(3)));
            }
        }
        assertThat(rows).as("the package table of docs/architecture.md").hasSizeGreaterThan(10);
        return rows;
    }

    /** Each package (a dialect's and a live protocol's own), and the other packages its classes use. */
    private static Map<String, Set<String>> actualImports() {
        Map<String, Set<String>> imports = new TreeMap<>();
        for (JavaClass type : classes) {
            String from = packageOf(type);
            Set<String> used = imports.computeIfAbsent(from, p -> new TreeSet<>());
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                if (target.getPackageName().startsWith(ROOT) && !packageOf(target).equals(from)) {
                    used.add(packageOf(target));
                }
            }
        }
        return imports;
    }

    private static String packageOf(JavaClass type) {
        String name = type.getPackageName();
        return name.equals(ROOT) ? "" : packageOf(name.substring(ROOT.length() + 1));
    }

    /** @param name a package's name below the root */
    private static String packageOf(String name) {
        if (name.isEmpty()) {
            return "";
        }
        List<String> steps = List.of(name.split("\\."));
        int depth = GROUPS.contains(steps.get(0)) && steps.size() > 1 ? 2 : 1;
        return String.join(".", steps.subList(0, depth));
    }
}
