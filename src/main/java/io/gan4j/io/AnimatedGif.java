package io.gan4j.io;

import io.gan4j.Gan4jException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.NodeList;

/**
 * Writes training-progress animations: an endlessly looping GIF, one frame per sample grid, with
 * the last frame held {@value #LAST_FRAME_HOLD}x longer so the final result is visible.
 */
public final class AnimatedGif {

    private static final int LAST_FRAME_HOLD = 4;
    private static final String GIF_IMAGE_FORMAT = "javax_imageio_gif_image_1.0";

    private AnimatedGif() {}

    /**
     * Writes {@code frames} to {@code file} atomically, showing each for {@code delayMs}
     * milliseconds (GIF stores hundredths of a second). Frames of another size than the first are
     * scaled (nearest neighbour, aspect kept) and centred on black to the first frame's size.
     */
    public static void write(List<BufferedImage> frames, Path file, int delayMs) {
        write(frames.size(), frames::get, file, delayMs);
    }

    /** Like {@link #write}, reading the frames from PNG files one at a time. */
    public static void writeFromPngs(List<Path> pngs, Path file, int delayMs) {
        write(pngs.size(), i -> ImageGrid.readPng(pngs.get(i)), file, delayMs);
    }

    private static void write(int count, IntFunction<BufferedImage> frames, Path file, int delayMs) {
        if (delayMs <= 0) {
            throw new IllegalArgumentException("frame delay must be positive, got " + delayMs + " ms");
        }
        if (count == 0) {
            throw new Gan4jException("cannot write " + file + ": no frames");
        }
        int delay = Math.max(1, Math.round(delayMs / 10f));
        AtomicFiles.write(file, tmp -> {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(tmp.toFile())) {
                writer.setOutput(out);
                writer.prepareWriteSequence(null);
                BufferedImage first = frames.apply(0);
                int width = first.getWidth();
                int height = first.getHeight();
                for (int i = 0; i < count; i++) {
                    BufferedImage frame = fit(i == 0 ? first : frames.apply(i), width, height);
                    int delayCs = i == count - 1 ? delay * LAST_FRAME_HOLD : delay;
                    IIOMetadata meta = frameMetadata(writer, frame, delayCs, i == 0);
                    writer.writeToSequence(new IIOImage(frame, null, meta), null);
                }
                writer.endWriteSequence();
            } finally {
                writer.dispose();
            }
        });
    }

    /**
     * Draws {@code img} on a {@code width x height} RGB canvas. Drawing (unlike {@code getRGB})
     * keeps gray levels of grayscale images, and one RGB input type lets the GIF encoder build each
     * frame's palette the same way; a frame with at most 256 colours is encoded exactly.
     */
    private static BufferedImage fit(BufferedImage img, int width, int height) {
        double scale = Math.min((double) width / img.getWidth(), (double) height / img.getHeight());
        int w = Math.max(1, (int) Math.round(img.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(img.getHeight() * scale));
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(img, (width - w) / 2, (height - h) / 2, w, h, null);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    private static IIOMetadata frameMetadata(ImageWriter writer, BufferedImage frame, int delayCs,
                                             boolean first) throws IOException {
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(GIF_IMAGE_FORMAT);

        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("transparentColorIndex", "0");
        control.setAttribute("delayTime", Integer.toString(delayCs));

        if (first) {
            // NETSCAPE2.0 extension: sub-block id 1, then loop count 0 (little endian) = forever.
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0});
            child(root, "ApplicationExtensions").appendChild(loop);
        }
        meta.setFromTree(GIF_IMAGE_FORMAT, root);
        return meta;
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeName().equals(name)) {
                return (IIOMetadataNode) children.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        parent.appendChild(node);
        return node;
    }
}
