package dev.plexauth.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Turns a Plex XML answer into the JSON tree the JSON answer would have been (see the project's XML
 * convention), so one binding reads both. DTDs and external entities are refused (XXE safe).
 *
 * <ul>
 *   <li>The root element becomes {@code {"<root>": value}}.
 *   <li>Attributes become string fields; an empty attribute is left out (Plex writes "" for null).
 *   <li>Children become fields named by the element; repeated names become arrays.
 *   <li>An element without attributes whose name ends in "s" and whose children are all named
 *       singular(name), or that has no children, becomes an array; in it a child with only an
 *       {@code id} attribute becomes that id's string.
 *   <li>An element with only text becomes the text.
 * </ul>
 */
final class XmlTree {

  private static final int MAX_DEPTH = 64;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final XMLInputFactory FACTORY = createFactory();

  private XmlTree() {}

  private static XMLInputFactory createFactory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  /** An element as read, before the convention is applied. */
  private static final class Element {
    final String name;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final List<Element> children = new ArrayList<>();
    final StringBuilder text = new StringBuilder();

    Element(String name) {
      this.name = name;
    }
  }

  /**
   * Parses an XML body.
   *
   * @param body the bytes; the encoding comes from the declaration (UTF-8 by default)
   * @return {@code {"<root>": value}}
   * @throws DecodeException if it is not well-formed XML, declares a DTD entity or nests too deep
   */
  static JsonNode parse(byte[] body) throws DecodeException {
    Element root = read(body);
    ObjectNode tree = NODES.objectNode();
    tree.set(root.name, value(root, false, 0));
    return tree;
  }

  private static Element read(byte[] body) throws DecodeException {
    XMLStreamReader reader = null;
    try {
      reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
      Deque<Element> open = new ArrayDeque<>();
      Element root = null;
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          if (open.size() >= MAX_DEPTH) {
            throw new DecodeException("XML nested too deep");
          }
          Element element = new Element(reader.getLocalName());
          for (int i = 0; i < reader.getAttributeCount(); i++) {
            element.attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
          }
          if (open.isEmpty()) {
            root = element;
          } else {
            open.peek().children.add(element);
          }
          open.push(element);
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          open.pop();
        } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)
            && !open.isEmpty()) {
          open.peek().text.append(reader.getText());
        } else if (event == XMLStreamConstants.ENTITY_REFERENCE) {
          throw new DecodeException("XML entity references are not allowed");
        }
      }
      if (root == null) {
        throw new DecodeException("XML without a root element");
      }
      return root;
    } catch (XMLStreamException | RuntimeException e) {
      throw new DecodeException("malformed XML");
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // nothing left to release
        }
      }
    }
  }

  private static JsonNode value(Element element, boolean listItem, int depth) {
    boolean noAttributes = element.attributes.isEmpty();
    if (noAttributes && element.children.isEmpty()) {
      String text = element.text.toString().trim();
      if (!text.isEmpty()) {
        return TextNode.valueOf(text);
      }
      return element.name.endsWith("s") ? NODES.arrayNode() : NODES.objectNode();
    }
    if (noAttributes
        && element.name.endsWith("s")
        && allNamed(element.children, singular(element))) {
      ArrayNode array = NODES.arrayNode();
      for (Element child : element.children) {
        array.add(value(child, true, depth + 1));
      }
      return array;
    }
    if (listItem
        && element.children.isEmpty()
        && element.attributes.size() == 1
        && element.attributes.containsKey("id")) {
      return TextNode.valueOf(element.attributes.get("id"));
    }
    ObjectNode object = NODES.objectNode();
    element.attributes.forEach(
        (name, text) -> {
          if (!text.isEmpty()) {
            object.put(name, text);
          }
        });
    Map<String, List<Element>> byName = new LinkedHashMap<>();
    for (Element child : element.children) {
      byName.computeIfAbsent(child.name, name -> new ArrayList<>()).add(child);
    }
    byName.forEach(
        (name, children) -> {
          if (children.size() == 1) {
            object.set(name, value(children.get(0), false, depth + 1));
          } else {
            ArrayNode array = NODES.arrayNode();
            for (Element child : children) {
              array.add(value(child, false, depth + 1));
            }
            object.set(name, array);
          }
        });
    return object;
  }

  private static String singular(Element element) {
    return element.name.substring(0, element.name.length() - 1);
  }

  private static boolean allNamed(List<Element> children, String name) {
    for (Element child : children) {
      if (!child.name.equals(name)) {
        return false;
      }
    }
    return true;
  }
}
