module @jit_fn attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<10xf32>, %arg1: tensor<10xi32>, %arg2: tensor<10xui32>, %arg3: tensor<10xi1>) -> (tensor<10xi32>, tensor<10xui32>, tensor<10xi1>, tensor<10xf32>, tensor<10xui32>, tensor<10xi1>, tensor<10xf32>, tensor<10xi32>, tensor<10xf32>, tensor<10xi32>, tensor<10xf32>) {
    %0 = stablehlo.convert %arg0 : (tensor<10xf32>) -> tensor<10xi32>
    %1 = stablehlo.convert %arg0 : (tensor<10xf32>) -> tensor<10xui32>
    %cst = stablehlo.constant dense<0.000000e+00> : tensor<10xf32>
    %2 = stablehlo.compare NE, %arg0, %cst, FLOAT : (tensor<10xf32>, tensor<10xf32>) -> tensor<10xi1>
    %3 = stablehlo.convert %arg1 : (tensor<10xi32>) -> tensor<10xf32>
    %4 = stablehlo.convert %arg1 : (tensor<10xi32>) -> tensor<10xui32>
    %c = stablehlo.constant dense<0> : tensor<10xi32>
    %5 = stablehlo.compare NE, %arg1, %c, SIGNED : (tensor<10xi32>, tensor<10xi32>) -> tensor<10xi1>
    %6 = stablehlo.convert %arg2 : (tensor<10xui32>) -> tensor<10xf32>
    %7 = stablehlo.convert %arg2 : (tensor<10xui32>) -> tensor<10xi32>
    %8 = stablehlo.convert %arg3 : (tensor<10xi1>) -> tensor<10xf32>
    %9 = stablehlo.convert %arg3 : (tensor<10xi1>) -> tensor<10xi32>
    return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %arg0 : tensor<10xi32>, tensor<10xui32>, tensor<10xi1>, tensor<10xf32>, tensor<10xui32>, tensor<10xi1>, tensor<10xf32>, tensor<10xi32>, tensor<10xf32>, tensor<10xi32>, tensor<10xf32>
  }
}
