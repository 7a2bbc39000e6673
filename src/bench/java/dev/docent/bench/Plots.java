package dev.docent.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG line plots for the benchmark report (XChart, headless). */
final class Plots {

    /** One line: its name and points in x order. */
    record Series(String name, List<Double> x, List<Double> y) {}

    private Plots() {}

    /**
     * Writes {@code file} (PNG) with the series; {@code logX} for axes spanning decades (corpus size). Returns the
     * file name, for links in the report.
     */
    static String line(Path file, String title, String xTitle, String yTitle, boolean logX, List<Series> series) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder()
                .width(800)
                .height(500)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (Series s : series) {
            if (s.x().isEmpty()) {
                continue;
            }
            chart.addSeries(s.name(), s.x(), s.y()).setMarker(SeriesMarkers.CIRCLE);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = file.getFileName().toString();
        return name.endsWith(".png") ? name : name + ".png";
    }

    /** Series from a map of x to y. */
    static Series series(String name, Map<? extends Number, ? extends Number> points) {
        return new Series(
                name,
                points.keySet().stream().map(Number::doubleValue).toList(),
                points.values().stream().map(Number::doubleValue).toList());
    }
}
