package org.eegworkflow.sdk;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

import javax.imageio.ImageIO;

/**
 * A picture for the block to show (output type GRAPH). The engine stores it as a PNG file in the job's folder and the
 * job details link to it. Return it from the execute method:
 *
 * <pre>{@code
 * return Graph.of("plot", image);
 * }</pre>
 */
public final class Graph {
    private final String name;
    private final byte[] png;

    private Graph(String name, byte[] png) {
        this.name = Names.check(name);
        this.png = Objects.requireNonNull(png, "png");
    }

    /** A picture already encoded as PNG; {@code name} becomes the file name (without {@code .png}). */
    public static Graph png(String name, byte[] png) {
        return new Graph(name, png.clone());
    }

    /** A picture drawn in memory, encoded as PNG. */
    public static Graph of(String name, RenderedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Graph(name, bytes.toByteArray());
    }

    public String name() {
        return name;
    }

    public byte[] png() {
        return png.clone();
    }
}
