package io.gan4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gan4j.Gan4jException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

class AnimatedGifTest {

    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    @TempDir
    Path dir;

    @Test
    void writesLoopingGifWithAllFrames() throws IOException {
        List<BufferedImage> frames = List.of(gray(0, 10, 10), gray(128, 10, 10), gray(255, 10, 10));
        Path gif = dir.resolve("progress.gif");
        AnimatedGif.write(frames, gif, 200);

        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals(3, reader.getNumImages(true));
            assertEquals(10, reader.getWidth(0));

            Node loop = find(metadata(reader, 0), "ApplicationExtension");
            assertEquals("NETSCAPE", attribute(loop, "applicationID"));
            assertEquals("2.0", attribute(loop, "authenticationCode"));
            assertEquals("20", attribute(find(metadata(reader, 1), "GraphicControlExtension"), "delayTime"));
            assertEquals("80", attribute(find(metadata(reader, 2), "GraphicControlExtension"), "delayTime"));

            // Gray levels survive the palette conversion exactly.
            assertEquals(0x808080, reader.read(1).getRGB(5, 5) & 0xffffff);
            reader.dispose();
        }
    }

    @Test
    void writesFromPngsOfMixedTypeAndSize() throws IOException {
        List<Path> pngs = new ArrayList<>();
        BufferedImage[] frames = {gray(255, 8, 8), rgb(8, 8), gray(255, 4, 4), rgb(16, 8)};
        for (int i = 0; i < frames.length; i++) {
            Path png = dir.resolve("samples/step-" + i + ".png");
            ImageGrid.writePng(frames[i], png);
            pngs.add(png);
        }
        Path gif = dir.resolve("progress.gif");
        AnimatedGif.writeFromPngs(pngs, gif, 100);

        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals(4, reader.getNumImages(true));
            for (int i = 0; i < 4; i++) {
                BufferedImage frame = reader.read(i);
                assertEquals(8, frame.getWidth());
                assertEquals(8, frame.getHeight());
            }
            assertEquals(0xffffff, reader.read(2).getRGB(7, 7) & 0xffffff); // 4x4 upscaled to fill
            assertEquals(0x000000, reader.read(3).getRGB(4, 0) & 0xffffff); // 16x8 letterboxed
            reader.dispose();
        }
        try (Stream<Path> list = Files.list(dir)) {
            assertEquals(2, list.count()); // samples/ and progress.gif, no temp file
        }
    }

    @Test
    void noFramesIsAnError() {
        Path gif = dir.resolve("progress.gif");
        Gan4jException e = assertThrows(Gan4jException.class, () -> AnimatedGif.writeFromPngs(List.of(), gif, 100));
        assertEquals("cannot write " + gif + ": no frames", e.getMessage());
    }

    private static BufferedImage gray(int level, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, level);
            }
        }
        return img;
    }

    private static BufferedImage rgb(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, 0xff0000 | (x * 16) << 8 | y * 16);
            }
        }
        return img;
    }

    private static Node metadata(ImageReader reader, int index) throws IOException {
        return reader.getImageMetadata(index).getAsTree(FORMAT);
    }

    private static Node find(Node node, String name) {
        if (node.getNodeName().equals(name)) {
            return node;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            Node found = find(child, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String attribute(Node node, String name) {
        return ((IIOMetadataNode) node).getAttribute(name);
    }
}
