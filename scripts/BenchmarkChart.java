import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Draws the benchmark chart (SVG) from recorded result files: one panel per file, grouped
 * horizontal bars, one bar per series and case, each panel on its own linear scale from zero.
 * Plain JDK 17, run as a source file:
 *
 * <pre>java scripts/BenchmarkChart.java OUT.svg RESULT.csv...</pre>
 *
 * <p>A result file has {@code # key: value} header lines ({@code title}, {@code unit},
 * {@code better} = higher|lower; others are ignored), then a {@code case,series,value} header and
 * one row per measurement (no commas inside fields). The output depends on the input alone, so an
 * unchanged result gives an unchanged file.
 */
public final class BenchmarkChart {

  private static final int WIDTH = 960;
  private static final int LABEL_WIDTH = 250;
  private static final int VALUE_WIDTH = 110;
  private static final int BAR = 15;
  private static final int BAR_GAP = 3;
  private static final int GROUP_GAP = 10;
  private static final String[] COLORS = {"#1f6fb4", "#f28e2b", "#59a14f", "#9c6ade", "#e15759"};

  record Row(String caseName, String series, double value) {}

  record Panel(String title, String unit, boolean higherIsBetter, List<Row> rows) {

    static Panel read(Path file) throws IOException {
      Map<String, String> header = new LinkedHashMap<>();
      List<Row> rows = new ArrayList<>();
      boolean columns = false;
      int lineNumber = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        if (line.startsWith("#")) {
          int colon = line.indexOf(':');
          if (colon > 0) {
            header.put(line.substring(1, colon).trim(), line.substring(colon + 1).trim());
          }
          continue;
        }
        if (!columns) {
          if (!line.trim().equals("case,series,value")) {
            throw new IllegalArgumentException(file + ":" + lineNumber
                + ": expected the header line case,series,value, found: " + line);
          }
          columns = true;
          continue;
        }
        String[] fields = line.split(",", -1);
        if (fields.length != 3) {
          throw new IllegalArgumentException(file + ":" + lineNumber
              + ": expected case,series,value (no commas inside fields), found: " + line);
        }
        try {
          rows.add(new Row(fields[0].trim(), fields[1].trim(), Double.parseDouble(fields[2].trim())));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(file + ":" + lineNumber + ": not a number: " + fields[2]);
        }
      }
      if (rows.isEmpty()) {
        throw new IllegalArgumentException(file + ": no measurements");
      }
      String better = header.getOrDefault("better", "higher");
      if (!better.equals("higher") && !better.equals("lower")) {
        throw new IllegalArgumentException(file + ": better must be higher or lower: " + better);
      }
      return new Panel(required(header, "title", file), required(header, "unit", file),
          better.equals("higher"), rows);
    }

    private static String required(Map<String, String> header, String key, Path file) {
      String value = header.get(key);
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException(file + ": missing header line # " + key + ": ...");
      }
      return value;
    }

    List<String> cases() {
      Set<String> names = new LinkedHashSet<>();
      rows.forEach(r -> names.add(r.caseName()));
      return List.copyOf(names);
    }

    List<String> series() {
      Set<String> names = new LinkedHashSet<>();
      rows.forEach(r -> names.add(r.series()));
      return List.copyOf(names);
    }

    double max() {
      return rows.stream().mapToDouble(Row::value).max().orElse(1);
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: java scripts/BenchmarkChart.java OUT.svg RESULT.csv...");
      System.exit(2);
    }
    List<Panel> panels = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      panels.add(Panel.read(Path.of(args[i])));
    }
    Files.writeString(Path.of(args[0]), svg(panels), StandardCharsets.UTF_8);
    System.out.println("wrote " + args[0]);
  }

  static String svg(List<Panel> panels) {
    StringBuilder body = new StringBuilder();
    int y = 20;
    for (Panel panel : panels) {
      y = panel(body, panel, y) + 30;
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + y
        + "\" viewBox=\"0 0 " + WIDTH + " " + y + "\" font-family=\"Helvetica, Arial, sans-serif\""
        + " font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        + body + "</svg>\n";
  }

  private static int panel(StringBuilder out, Panel panel, int top) {
    List<String> series = panel.series();
    int y = top;
    out.append(text(10, y + 12, "font-size=\"15\" font-weight=\"bold\"", panel.title()));
    y += 20;
    out.append(text(10, y + 12, "fill=\"#555555\"", panel.unit() + ", "
        + (panel.higherIsBetter() ? "higher" : "lower") + " is better"));
    y += 20;
    int legendX = 10;
    for (int s = 0; s < series.size(); s++) {
      // About 7 px per character at 12 px: wrap the legend before it leaves the picture.
      int itemWidth = 16 + 7 * series.get(s).length() + 18;
      if (legendX > 10 && legendX + itemWidth > WIDTH - 10) {
        legendX = 10;
        y += 18;
      }
      out.append(String.format(Locale.ROOT,
          "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>\n", legendX, y + 2,
          COLORS[s % COLORS.length]));
      out.append(text(legendX + 16, y + 12, "", series.get(s)));
      legendX += itemWidth;
    }
    int barsTop = y + 24;
    y += 26;
    double max = panel.max();
    int plotWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    for (String caseName : panel.cases()) {
      List<Row> rows = panel.rows().stream().filter(r -> r.caseName().equals(caseName)).toList();
      int groupHeight = rows.size() * (BAR + BAR_GAP) - BAR_GAP;
      out.append(text(LABEL_WIDTH - 8, y + groupHeight / 2 + 4, "text-anchor=\"end\"", caseName));
      for (Row row : rows) {
        int length = (int) Math.round(plotWidth * row.value() / max);
        out.append(String.format(Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s, %s: %s %s</title></rect>\n",
            LABEL_WIDTH, y, Math.max(length, 1), BAR, COLORS[series.indexOf(row.series()) % COLORS.length],
            escape(caseName), escape(row.series()), number(row.value()), escape(panel.unit())));
        out.append(text(LABEL_WIDTH + Math.max(length, 1) + 5, y + BAR - 3, "", number(row.value())));
        y += BAR + BAR_GAP;
      }
      y += GROUP_GAP - BAR_GAP;
    }
    out.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999999\"/>\n", LABEL_WIDTH,
        barsTop, LABEL_WIDTH, y - GROUP_GAP));
    return y;
  }

  private static String number(double value) {
    return value >= 100 || value == Math.rint(value)
        ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%,.2f", value);
  }

  private static String text(int x, int y, String attributes, String content) {
    return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\"%s>%s</text>\n", x, y,
        attributes.isEmpty() ? "" : " " + attributes, escape(content));
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
