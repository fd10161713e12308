package org.eegworkflow.eeg.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/** MAT v5/v7 values (MFL, {@code us.hebi.matlab.mat}) as {@link MatValue}s. */
final class Mat5Values {
    private Mat5Values() {
    }

    /** The file's variables as one struct: the flat layout's fields, or a single {@code EEG}. */
    static MatValue.Structs variables(MatFile file) {
        Map<String, Array> byName = new LinkedHashMap<>();
        for (MatFile.Entry entry : file.getEntries()) {
            byName.putIfAbsent(entry.getName(), entry.getValue());
        }
        List<String> names = List.copyOf(byName.keySet());
        return new MatValue.Structs(1, new MatValue.StructSource() {
            @Override
            public List<String> fields() {
                return names;
            }

            @Override
            public MatValue get(int index, String field) {
                return of(byName.get(field));
            }
        });
    }

    static MatValue of(Array array) {
        if (array == null) {
            return null;
        }
        MatlabType type = array.getType();
        if (array instanceof Char c) {
            return new MatValue.Text(c.getNumElements() == 0 ? "" : c.getString());
        }
        if (array instanceof Matrix m) {
            if (m.isComplex()) {
                return new MatValue.Other("complex matrix");
            }
            boolean integral = type != MatlabType.Double && type != MatlabType.Single;
            return new MatValue.Numbers(m.getNumRows(), m.getNumElements() == 0 ? 0 : m.getNumElements()
                    / Math.max(1, m.getNumRows()), integral, (from, count, out) -> {
                        int start = Math.toIntExact(from);
                        for (int i = 0; i < count; i++) {
                            out[i] = m.getDouble(start + i); // exact: EEGLAB's classes all fit a double
                        }
                    });
        }
        if (array instanceof Struct s) {
            List<String> fields = List.copyOf(s.getFieldNames());
            return new MatValue.Structs(s.getNumElements(), new MatValue.StructSource() {
                @Override
                public List<String> fields() {
                    return fields;
                }

                @Override
                public MatValue get(int index, String field) {
                    return of(s.get(field, index));
                }
            });
        }
        if (array instanceof Cell c) {
            List<MatValue> elements = new ArrayList<>(c.getNumElements());
            for (int i = 0; i < c.getNumElements(); i++) {
                elements.add(of(c.get(i)));
            }
            return new MatValue.Cells(elements);
        }
        return new MatValue.Other(type == null ? "value of unknown class" : type.toString().toLowerCase(Locale.ROOT) + " value");
    }
}
