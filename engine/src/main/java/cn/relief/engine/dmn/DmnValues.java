package cn.relief.engine.dmn;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.feel.impl.JavaValueMapper;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.syntaxtree.ValNull$;
import org.camunda.feel.valuemapper.CustomValueMapper;
import org.camunda.feel.valuemapper.ValueMapper;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Turns what dmn-scala returns (Scala collections, Scala big decimals, FEEL values) into the plain
 * Java values variables have everywhere else: maps, lists, strings, longs, doubles, booleans and
 * null. Dates, times and durations become their ISO text, as in Zeebe.
 */
final class DmnValues {
  private static final ValueMapper FEEL_TO_JAVA = new ValueMapper.CompositeValueMapper(
      CollectionConverters.asScala(List.<CustomValueMapper>of(new JavaValueMapper())).toList());

  private DmnValues() {}

  static Object toPlain(Object value) {
    if (value == null || value == ValNull$.MODULE$ || value instanceof ValError) {
      return null;
    } else if (value instanceof Val val) {
      return toPlain(FEEL_TO_JAVA.unpackVal(val));
    } else if (value instanceof Option<?> option) {
      return option.isEmpty() ? null : toPlain(option.get());
    } else if (value instanceof scala.collection.Map<?, ?> map) {
      return toPlain(CollectionConverters.asJava(map));
    } else if (value instanceof scala.collection.Iterable<?> iterable) {
      return toPlain(CollectionConverters.asJava(iterable));
    } else if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), toPlain(v)));
      return copy;
    } else if (value instanceof Collection<?> collection) {
      List<Object> copy = new ArrayList<>(collection.size());
      collection.forEach(v -> copy.add(toPlain(v)));
      return copy;
    } else if (value instanceof scala.math.BigDecimal decimal) {
      return normalize(decimal.bigDecimal());
    } else if (value instanceof scala.math.BigInt integer) {
      return normalize(new BigDecimal(integer.bigInteger()));
    } else if (value instanceof BigDecimal decimal) {
      return normalize(decimal);
    } else if (value instanceof BigInteger integer) {
      return normalize(new BigDecimal(integer));
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    } else if (value instanceof Float f) {
      return f.doubleValue();
    } else if (value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double) {
      return value;
    }
    return value.toString();
  }

  /** Whole numbers that fit become longs (JSON integers); everything else a double. */
  private static Object normalize(BigDecimal decimal) {
    BigDecimal stripped = decimal.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 18) {
      return stripped.longValueExact();
    }
    return decimal.doubleValue();
  }
}
