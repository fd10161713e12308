package org.eegworkflow.eeg.io;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.Reference;

/**
 * MAT v7.3 values (HDF5, read with jHDF) as {@link MatValue}s, in MATLAB's layout: every variable a dataset or group
 * with a {@code MATLAB_class} attribute, matrices stored with their dimensions reversed (so HDF5's row-major order is
 * MATLAB's column-major one), chars as uint16 codes, empty values as a {@code MATLAB_empty} dataset of their
 * dimensions, and struct arrays and cells as datasets of object references into {@code #refs#}.
 */
final class Hdf5Values {
    private Hdf5Values() {
    }

    /** The file's variables as one struct ({@code #refs#} and {@code #subsystem#} are MATLAB's own). */
    static MatValue.Structs variables(HdfFile file) {
        List<String> names = new ArrayList<>();
        for (String name : file.getChildren().keySet()) {
            if (!name.startsWith("#")) {
                names.add(name);
            }
        }
        return new MatValue.Structs(1, new MatValue.StructSource() {
            @Override
            public List<String> fields() {
                return names;
            }

            @Override
            public MatValue get(int index, String field) {
                return of(file.getChild(field), file);
            }
        });
    }

    static MatValue of(Node node, HdfFile file) {
        if (node == null) {
            return null;
        }
        String matlabClass = matlabClass(node);
        if (node instanceof Group group) {
            return struct(group, file);
        }
        if (!(node instanceof Dataset dataset)) {
            return new MatValue.Other("HDF5 " + node.getType() + " node");
        }
        if (node.getAttribute("MATLAB_empty") != null) {
            if ("char".equals(matlabClass)) {
                return new MatValue.Text("");
            }
            if ("struct".equals(matlabClass)) {
                return new MatValue.Structs(0, new EmptyStruct());
            }
            if ("cell".equals(matlabClass)) {
                return new MatValue.Cells(List.of());
            }
            return new MatValue.Numbers(0, 0, false, (from, count, out) -> { });
        }
        if (dataset.getDataType() instanceof Reference) {
            long[] refs = references(dataset);
            List<MatValue> elements = new ArrayList<>(refs.length);
            for (long ref : refs) {
                elements.add(of(file.getNodeByAddress(ref), file));
            }
            return new MatValue.Cells(elements);
        }
        int[] dims = dataset.getDimensions();
        if ("char".equals(matlabClass)) {
            Object flat = dataset.getDataFlat();
            StringBuilder text = new StringBuilder(Array.getLength(flat));
            for (int i = 0; i < Array.getLength(flat); i++) {
                text.appendCodePoint((int) Array.getDouble(flat, i));
            }
            return new MatValue.Text(text.toString());
        }
        if (matlabClass != null && !isNumeric(matlabClass)) {
            return new MatValue.Other(matlabClass + " value");
        }
        // MATLAB's rows are HDF5's last dimension
        int rows = dims.length == 0 ? 1 : dims[dims.length - 1];
        long total = dataset.getSize();
        long columns = rows == 0 ? 0 : total / rows;
        boolean integral = !"double".equals(matlabClass) && !"single".equals(matlabClass);
        return new MatValue.Numbers(rows, columns, integral, new Slabs(dataset, rows, dims.length));
    }

    private static boolean isNumeric(String matlabClass) {
        return switch (matlabClass) {
            case "double", "single", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
                    "logical" -> true;
            default -> false;
        };
    }

    /**
     * A struct: each field a dataset or group when it is 1x1; a struct array when its fields are datasets of
     * references (one per element) that MATLAB does not mark as cells.
     */
    private static MatValue struct(Group group, HdfFile file) {
        Map<String, Node> children = group.getChildren();
        List<String> fields = List.copyOf(children.keySet());
        int count = 1;
        boolean array = false;
        for (Node child : children.values()) {
            if (child instanceof Dataset d && d.getDataType() instanceof Reference
                    && !"cell".equals(matlabClass(child))) {
                array = true;
                count = Math.toIntExact(d.getSize());
                break;
            }
        }
        if (group.getAttribute("MATLAB_empty") != null) {
            count = 0;
        }
        boolean isArray = array;
        int elements = count;
        return new MatValue.Structs(count, new MatValue.StructSource() {
            @Override
            public List<String> fields() {
                return fields;
            }

            @Override
            public MatValue get(int index, String field) {
                Node child = children.get(field);
                if (!isArray) {
                    return of(child, file);
                }
                if (!(child instanceof Dataset d) || !(d.getDataType() instanceof Reference)) {
                    return new MatValue.Other("struct array field that is not a list of references");
                }
                long[] refs = references(d);
                if (refs.length != elements || index >= refs.length) {
                    return new MatValue.Other("struct array field with " + refs.length + " elements where the"
                            + " array has " + elements);
                }
                return of(file.getNodeByAddress(refs[index]), file);
            }
        });
    }

    private static long[] references(Dataset dataset) {
        Object flat = dataset.getDataFlat();
        long[] refs = new long[Array.getLength(flat)];
        for (int i = 0; i < refs.length; i++) {
            refs[i] = ((Number) Array.get(flat, i)).longValue();
        }
        return refs;
    }

    private static String matlabClass(Node node) {
        Attribute attribute = node.getAttribute("MATLAB_class");
        if (attribute == null) {
            return null;
        }
        Object data = attribute.getData();
        if (data instanceof String s) {
            return s;
        }
        if (data != null && data.getClass().isArray() && Array.getLength(data) == 1) {
            return String.valueOf(Array.get(data, 0));
        }
        return String.valueOf(data);
    }

    /** Reads a matrix a slab of MATLAB columns (HDF5 rows) at a time, so a long recording is never read whole. */
    private record Slabs(Dataset dataset, int rows, int rank) implements MatValue.NumberSource {
        @Override
        public void read(long from, int count, double[] out) {
            if (count == 0) {
                return;
            }
            if (rank != 2) {
                Object flat = dataset.getDataFlat();
                for (int i = 0; i < count; i++) {
                    out[i] = Array.getDouble(flat, Math.toIntExact(from + i));
                }
                return;
            }
            long firstColumn = from / rows;
            long lastColumn = (from + count - 1) / rows;
            Object slab = dataset.getData(new long[] {firstColumn, 0},
                    new int[] {Math.toIntExact(lastColumn - firstColumn + 1), rows});
            long skip = from - firstColumn * rows;
            if (slab instanceof float[][] f) { // the samples of a recording: no reflection per value
                for (int i = 0; i < count; i++) {
                    long at = skip + i;
                    out[i] = f[(int) (at / rows)][(int) (at % rows)];
                }
                return;
            }
            if (slab instanceof double[][] d) {
                for (int i = 0; i < count; i++) {
                    long at = skip + i;
                    out[i] = d[(int) (at / rows)][(int) (at % rows)];
                }
                return;
            }
            for (int i = 0; i < count; i++) {
                long at = skip + i;
                out[i] = Array.getDouble(Array.get(slab, (int) (at / rows)), (int) (at % rows));
            }
        }
    }

    private static final class EmptyStruct implements MatValue.StructSource {
        @Override
        public List<String> fields() {
            return List.of();
        }

        @Override
        public MatValue get(int index, String field) {
            return null;
        }
    }
}
