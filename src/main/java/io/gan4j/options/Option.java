package io.gan4j.options;

import io.gan4j.UsageException;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One training option, declared once: the CLI ({@code train}'s options and their help), config.json,
 * recipe files and the {@code --resume} check are all derived from its declaration.
 *
 * <p>{@link Builder#build()} registers the declaration in {@link Options#ALL}. {@code TrainConfig}
 * stores the value under the declaration, and config.json under {@link #key()} (the name of the
 * field that held it before options were declared, so older runs still load). A value is
 * {@code null} when unset: it then comes from the command line, the user's recipe, the model's
 * recipe or the global {@link #defaultValue()}, in that order.
 *
 * @param <T> Integer, Long, Float, Boolean or String
 */
public final class Option<T> {

    private final String name;
    private final String key;
    private final Class<T> type;
    private final String unit;
    private final String help;
    private final T defaultValue;
    private final boolean resumable;
    private final List<String> deprecatedNames;
    private final Predicate<T> check;
    private final String requirement;
    private final List<String> choices;
    private final List<String> allChoices;
    private final Map<String, List<String>> choicesByModel;
    private final String defaultText;

    private Option(Builder<T> b) {
        this.name = b.name;
        this.key = b.key;
        this.type = b.type;
        this.unit = b.unit;
        this.help = Objects.requireNonNull(b.help, name + ": help");
        this.defaultValue = b.defaultValue;
        this.resumable = b.resumable;
        this.deprecatedNames = List.copyOf(b.deprecatedNames);
        this.check = b.check;
        this.requirement = b.requirement;
        this.defaultText = b.defaultText;
        this.choicesByModel = Collections.unmodifiableMap(new LinkedHashMap<>(b.choicesByModel));
        this.choices = List.copyOf(b.choices);
        List<String> all = new ArrayList<>(b.choices);
        b.choicesByModel.values().forEach(vs -> vs.stream().filter(v -> !all.contains(v)).forEach(all::add));
        this.allChoices = List.copyOf(all);
    }

    /** Starts a declaration: {@code name} is the kebab-case CLI name, {@code key} the config.json key. */
    public static <T> Builder<T> of(String name, String key, Class<T> type) {
        return new Builder<>(name, key, type);
    }

    /** The CLI name without dashes, e.g. {@code batch-size}. */
    public String name() {
        return name;
    }

    /** {@code --name}. */
    public String flag() {
        return "--" + name;
    }

    /** The config.json key, e.g. {@code batchSize}. */
    public String key() {
        return key;
    }

    public Class<T> type() {
        return type;
    }

    /** What the number counts (steps, epochs, images, ...); empty for a choice or a name. */
    public String unit() {
        return unit;
    }

    public String help() {
        return help;
    }

    /** The value every model takes unless its recipe says otherwise; null when each recipe decides. */
    public T defaultValue() {
        return defaultValue;
    }

    /** Whether {@code train --resume} may change it (the run's length, logging and engine); the rest is fixed by the run. */
    public boolean resumable() {
        return resumable;
    }

    /** Former CLI names, without dashes: still accepted, with a warning. */
    public List<String> deprecatedNames() {
        return deprecatedNames;
    }

    /** Allowed values of a choice, for any model; empty for a free value. */
    public List<String> choices() {
        return allChoices;
    }

    /** Allowed values of a choice for one model: its own list when declared, else the common one (any model's when null). */
    public List<String> choices(String model) {
        List<String> common = choices.isEmpty() ? allChoices : choices;
        return model == null ? allChoices : choicesByModel.getOrDefault(model, common);
    }

    /** Parses a command-line or recipe value; a malformed one is a usage error naming the option. */
    public T parse(String text) {
        String s = text.strip();
        try {
            Object v;
            if (type == Integer.class) {
                v = Integer.valueOf(s);
            } else if (type == Long.class) {
                v = Long.valueOf(s);
            } else if (type == Float.class) {
                v = parseFloat(s);
            } else if (type == Boolean.class) {
                if (!s.equals("true") && !s.equals("false")) {
                    throw new NumberFormatException();
                }
                v = Boolean.valueOf(s);
            } else {
                v = s;
            }
            return type.cast(v);
        } catch (NumberFormatException e) {
            throw new UsageException(flag() + " takes " + describeType() + ", not '" + text + "'");
        }
    }

    /** A float, or a fraction such as 1/3 (recipes say what the paper says). */
    private static Float parseFloat(String s) {
        int slash = s.indexOf('/');
        if (slash > 0) {
            return Float.parseFloat(s.substring(0, slash).strip()) / Float.parseFloat(s.substring(slash + 1).strip());
        }
        return Float.valueOf(s);
    }

    private String describeType() {
        return type == Integer.class || type == Long.class ? "a whole number"
                : type == Float.class ? "a number" : type == Boolean.class ? "true or false" : "a value";
    }

    /** Checks a value for {@code model}; null (unset) passes. Throws a usage error naming the option. */
    public void validate(String model, T value) {
        if (value == null) {
            return;
        }
        List<String> allowed = choices(model);
        if (!allowed.isEmpty() && !allowed.contains(value)) {
            throw new UsageException(flag() + (choicesByModel.containsKey(model) ? " of " + model : "")
                    + " must be " + String.join(" | ", allowed) + ", not '" + value + "'");
        }
        if (check != null && !check.test(value)) {
            throw new UsageException(flag() + " must be " + requirement + ", not " + value);
        }
    }

    /** The help line: text, allowed values, unit and default ({@code recipeDefaults}: model → value where a recipe sets it). */
    public String helpLine(Map<String, Object> recipeDefaults) {
        StringBuilder s = new StringBuilder(help);
        if (!allChoices.isEmpty() && choicesByModel.isEmpty()) {
            s.append(" One of ").append(String.join(", ", allChoices)).append('.');
        }
        List<String> notes = new ArrayList<>();
        if (!unit.isEmpty()) {
            notes.add("unit: " + unit);
        }
        Object unset = defaultValue == null && type == Boolean.class ? Boolean.FALSE : defaultValue;
        Map<String, Object> differing = new LinkedHashMap<>();
        recipeDefaults.forEach((model, v) -> {
            if (!Objects.equals(v, unset)) {
                differing.put(model, v);
            }
        });
        if (defaultValue != null || defaultText != null || !differing.isEmpty() || type == Boolean.class) {
            StringBuilder d = new StringBuilder("default: ");
            if (defaultValue != null || defaultText != null || type == Boolean.class) {
                d.append(defaultText != null ? defaultText : format(defaultValue == null ? Boolean.FALSE : defaultValue));
                if (!differing.isEmpty()) {
                    d.append("; ");
                }
            }
            List<String> per = new ArrayList<>();
            differing.forEach((model, v) -> per.add(model + " " + format(v)));
            d.append(String.join(", ", per));
            notes.add(d.toString());
        } else {
            notes.add("default: none");
        }
        if (!deprecatedNames.isEmpty()) {
            notes.add("formerly --" + String.join(", --", deprecatedNames));
        }
        return s.append(" (").append(String.join("; ", notes)).append(')').toString();
    }

    private static String format(Object v) {
        if (v instanceof Float f && Float.isFinite(f)) {
            return new BigDecimal(f).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }

    @Override
    public String toString() {
        return flag();
    }

    /** Declares an option step by step; {@link #build()} makes it immutable. */
    public static final class Builder<T> {
        private final String name;
        private final String key;
        private final Class<T> type;
        private String unit = "";
        private String help;
        private T defaultValue;
        private boolean resumable;
        private final List<String> deprecatedNames = new ArrayList<>();
        private Predicate<T> check;
        private String requirement;
        private final List<String> choices = new ArrayList<>();
        private final Map<String, List<String>> choicesByModel = new LinkedHashMap<>();
        private String defaultText;

        private Builder(String name, String key, Class<T> type) {
            this.name = name;
            this.key = key;
            this.type = type;
        }

        public Builder<T> help(String text) {
            this.help = text;
            return this;
        }

        public Builder<T> unit(String unit) {
            this.unit = unit;
            return this;
        }

        public Builder<T> defaultValue(T value) {
            this.defaultValue = value;
            return this;
        }

        /** What an unset value means when no recipe sets one, for the help (e.g. "the images' own"). */
        public Builder<T> defaultText(String text) {
            this.defaultText = text;
            return this;
        }

        /** {@code train --resume} may change it. */
        public Builder<T> resumable() {
            this.resumable = true;
            return this;
        }

        public Builder<T> deprecatedName(String oldName) {
            deprecatedNames.add(oldName);
            return this;
        }

        /** A value must pass {@code test}; {@code requirement} completes "--name must be ...". */
        public Builder<T> check(Predicate<T> test, String requirement) {
            this.check = test;
            this.requirement = requirement;
            return this;
        }

        public Builder<T> positive() {
            return check(v -> ((Number) v).doubleValue() > 0, "positive");
        }

        /** 0 or more; {@code zero} says what 0 means, e.g. "0 (off) or positive". */
        public Builder<T> nonNegative(String zero) {
            return check(v -> ((Number) v).doubleValue() >= 0, zero);
        }

        /** The allowed values for every model. */
        public Builder<T> choices(String... values) {
            choices.addAll(List.of(values));
            return this;
        }

        /** The allowed values for one model (the option means something else for each). */
        public Builder<T> choicesFor(String model, String... values) {
            choicesByModel.put(model, List.of(values));
            return this;
        }

        /** The declaration, registered in {@link Options#ALL}; a name or key already taken is an error. */
        public Option<T> build() {
            Option<T> option = new Option<>(this);
            Options.register(option);
            return option;
        }
    }
}
