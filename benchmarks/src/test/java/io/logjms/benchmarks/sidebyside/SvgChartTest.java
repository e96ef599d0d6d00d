package io.logjms.benchmarks.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartTest {

    @Test
    void drawsOneBarPerRatioAndOneLinePerSystemWithLatencies() throws Exception {
        Document svg = parse(SvgChart.render(Fixtures.threeSystems(), "test"));

        List<String> barTitles = titlesOf(svg, "rect");
        assertThat(barTitles).containsExactly(
                "logjms / Artemis, W1 async send: 2.00×",
                "logjms / Kafka (page cache), W1 async send: 0.50×",
                "logjms / Artemis, W3 @2000/s latency p99: 0.50×",
                "logjms / Kafka (page cache), W3 @2000/s latency p99: 2.00×");
        assertThat(svg.getElementsByTagName("polyline").getLength()).isZero();
        assertThat(titlesOf(svg, "circle")).containsExactly(
                "logjms p99: 2.00 ms", "Artemis p99: 4.00 ms", "Kafka (page cache) p99: 1.00 ms");
    }

    @Test
    void connectsThePercentilesOfEachSystem() throws Exception {
        List<Measurement> ms = new ArrayList<>();
        double ms50 = 1;
        for (Metrics.Percentile p : Metrics.W3_PERCENTILES) {
            ms.add(Measurement.of(SystemKind.ARTEMIS, Metrics.latency(2000, p), 1, ms50));
            ms.add(Measurement.of(SystemKind.KAFKA, Metrics.latency(2000, p), 1, ms50 * 3));
            ms50 *= 4;
        }
        Summary summary = Summary.of(Metrics.forWorkloads(List.of(Workload.W3), List.of(2000)),
                List.of(SystemKind.ARTEMIS, SystemKind.KAFKA), ms);

        Document svg = parse(SvgChart.render(summary, "latency only"));

        NodeList lines = svg.getElementsByTagName("polyline");
        assertThat(lines.getLength()).isEqualTo(2);
        assertThat(((Element) lines.item(0)).getAttribute("points").split(" ")).hasSize(3);
        assertThat(((Element) lines.item(0)).getAttribute("stroke")).isEqualTo(SvgChart.colour(SystemKind.ARTEMIS));
        assertThat(textsOf(svg)).contains("No ratios: logjms and a reference were not both measured.", "@ 2,000 msgs/s");
    }

    @Test
    void saysSoWhenThereIsNothingToDraw() throws Exception {
        Summary empty = Summary.of(List.of(Metrics.W5_AGGREGATE), List.of(SystemKind.KAFKA), List.of());

        Document svg = parse(SvgChart.render(empty, "nothing"));

        assertThat(textsOf(svg)).contains("No ratios: logjms and a reference were not both measured.",
                "No latency figures: W3 was not measured.");
    }

    @Test
    void escapesMarkupInText() throws Exception {
        Document svg = parse(SvgChart.render(Fixtures.threeSystems(), "a < b & \"c\" 'd'"));

        assertThat(textsOf(svg)).contains("a < b & \"c\" 'd'");
        assertThat(SvgChart.escape("<&>\"'")).isEqualTo("&lt;&amp;&gt;&quot;&apos;");
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        return document;
    }

    private static List<String> titlesOf(Document svg, String tag) {
        List<String> titles = new ArrayList<>();
        NodeList nodes = svg.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            NodeList children = ((Element) nodes.item(i)).getElementsByTagName("title");
            if (children.getLength() > 0) {
                titles.add(children.item(0).getTextContent());
            }
        }
        return titles;
    }

    private static List<String> textsOf(Document svg) {
        List<String> texts = new ArrayList<>();
        NodeList nodes = svg.getElementsByTagName("text");
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }
}
