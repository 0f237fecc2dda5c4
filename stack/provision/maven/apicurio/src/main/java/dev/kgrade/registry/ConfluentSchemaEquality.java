package dev.kgrade.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.ext.Provider;
import org.apache.avro.Schema;

/**
 * Schema equality as Confluent's registry has it, on Apicurio's Confluent-compatible API.
 *
 * Confluent's registry stores and compares an Avro schema in the form Avro's parser prints it
 * (Schema.toString(): no whitespace, keys in Avro's order, fields kept in their order), so a schema that
 * differs only in formatting is the same schema: same id, no new version. Apicurio 2.4 compares the raw
 * text, and its canonical-hash mode sorts record fields, which changes the binary encoding the stored
 * schema describes. This filter rewrites the Avro schema of a registration or a lookup
 * (POST /apis/ccompat/v{6,7}/subjects/{subject}[/versions]) into Avro's printed form before Apicurio
 * reads it. A body it cannot parse (invalid JSON or Avro, references, another schema type) passes
 * unchanged, and Apicurio answers it as before.
 */
@Provider
@PreMatching
public class ConfluentSchemaEquality implements ContainerRequestFilter {
  private static final Pattern REGISTER_OR_LOOKUP = Pattern.compile("^/?apis/ccompat/v[67]/subjects/[^/]+(/versions)?/?$");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (!"POST".equals(request.getMethod())) return;
    if (!REGISTER_OR_LOOKUP.matcher(request.getUriInfo().getPath()).matches()) return;
    byte[] body = request.getEntityStream().readAllBytes();
    byte[] out = normalised(body);
    request.setEntityStream(new ByteArrayInputStream(out));
    if (request.getHeaders().containsKey(HttpHeaders.CONTENT_LENGTH)) request.getHeaders().putSingle(HttpHeaders.CONTENT_LENGTH, String.valueOf(out.length));
  }

  static byte[] normalised(byte[] body) {
    try {
      JsonNode root = JSON.readTree(body);
      if (!(root instanceof ObjectNode)) return body;
      JsonNode schema = root.get("schema");
      JsonNode type = root.get("schemaType");
      JsonNode refs = root.get("references");
      if (schema == null || !schema.isTextual()) return body;
      if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) return body;
      if (refs != null && refs.isArray() && refs.size() > 0) return body;
      String printed = new Schema.Parser().parse(schema.asText()).toString();
      ((ObjectNode) root).put("schema", printed);
      return JSON.writeValueAsBytes(root);
    } catch (Exception e) {
      return body;
    }
  }
}
