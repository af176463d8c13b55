package dev.plexauth.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a JSON tree as Plex XML (the convention in the project notes): scalars become attributes
 * (booleans {@code 1}/{@code 0}, nulls left out), objects become child elements, arrays under an
 * upper-case key repeat the element (PMS style: {@code Device}, {@code Connection}), arrays under a
 * lower-case key get a wrapper whose children are named by the singular key (plex.tv style), and
 * scalars in such arrays become {@code <singular id="value"/>}.
 */
final class XmlWriter {

  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private XmlWriter() {}

  /**
   * Renders a document.
   *
   * @param rootName the root element
   * @param root the root's content: an object (attributes and children) or an array (children)
   * @return the XML text with its declaration
   */
  static String write(String rootName, JsonNode root) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      element(xml, rootName, root);
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write XML", e);
    }
    return out.toString();
  }

  /**
   * Renders a root holding one text element: {@code <errors><error>text</error></errors>}.
   *
   * @param rootName the root element
   * @param childName the child element
   * @param text the child's text
   * @return the XML text with its declaration
   */
  static String writeTextElements(String rootName, String childName, String text) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement(rootName);
      xml.writeStartElement(childName);
      xml.writeCharacters(clean(text));
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write XML", e);
    }
    return out.toString();
  }

  private static void element(XMLStreamWriter xml, String name, JsonNode node)
      throws XMLStreamException {
    boolean empty =
        node.isArray()
            ? node.isEmpty()
            : node.isObject() && node.valueStream().noneMatch(JsonNode::isContainerNode);
    if (empty) {
      xml.writeEmptyElement(name);
    } else {
      xml.writeStartElement(name);
    }
    if (node.isArray()) {
      items(xml, singular(name), node);
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (field.getValue().isValueNode() && !field.getValue().isNull()) {
          xml.writeAttribute(field.getKey(), clean(scalar(field.getValue())));
        }
      }
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String key = field.getKey();
        JsonNode value = field.getValue();
        if (value.isObject()) {
          element(xml, key, value);
        } else if (value.isArray()) {
          if (!key.isEmpty() && Character.isUpperCase(key.charAt(0))) {
            items(xml, key, value);
          } else {
            element(xml, key, value);
          }
        }
      }
    }
    if (!empty) {
      xml.writeEndElement();
    }
  }

  private static void items(XMLStreamWriter xml, String name, JsonNode array)
      throws XMLStreamException {
    for (JsonNode item : array) {
      if (item.isContainerNode()) {
        element(xml, name, item);
      } else if (!item.isNull()) {
        xml.writeEmptyElement(name);
        xml.writeAttribute("id", clean(scalar(item)));
      }
    }
  }

  private static String scalar(JsonNode value) {
    if (value.isBoolean()) {
      return value.booleanValue() ? "1" : "0";
    }
    return value.asText();
  }

  static String singular(String key) {
    return key.length() > 1 && key.endsWith("s") ? key.substring(0, key.length() - 1) : key;
  }

  /** Replaces characters that XML 1.0 cannot carry, so the document always parses. */
  private static String clean(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      boolean allowed =
          cp == 0x9
              || cp == 0xA
              || cp == 0xD
              || (cp >= 0x20 && cp <= 0xD7FF)
              || (cp >= 0xE000 && cp <= 0xFFFD)
              || (cp >= 0x10000 && cp <= 0x10FFFF);
      if (!allowed && out == null) {
        out = new StringBuilder(text.substring(0, i));
      }
      if (out != null) {
        out.appendCodePoint(allowed ? cp : 0xFFFD);
      }
      i += Character.charCount(cp);
    }
    return out == null ? text : out.toString();
  }
}
